// Publish dates as old Vietnamese pages write them: an explicit offset or GMT wins; a local time
// without one is Vietnam time (+07:00, no daylight saving), as every portal of the country prints it.

const VN_OFFSET_MINUTES = 7 * 60;

/** An instant from Vietnam wall-clock parts; null if the parts are not a real date/time. */
function vnInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return new Date(utc - VN_OFFSET_MINUTES * 60_000);
}

const TOKEN_PATTERNS: Record<string, string> = {
  YYYY: '(?<year>\\d{4})',
  MM: '(?<month>\\d{1,2})',
  M: '(?<month>\\d{1,2})',
  DD: '(?<day>\\d{1,2})',
  D: '(?<day>\\d{1,2})',
  HH: '(?<hour>\\d{1,2})',
  H: '(?<hour>\\d{1,2})',
  mm: '(?<minute>\\d{2})',
  ss: '(?<second>\\d{2})',
};

/** A profile's format ("YYYY-MM-DD HH:mm:ss") as a regular expression with named groups. */
function formatPattern(format: string): RegExp {
  let source = '';
  for (const part of format.split(/(YYYY|MM|DD|HH|mm|ss|M|D|H|\s+)/)) {
    if (part === '') continue;
    source += TOKEN_PATTERNS[part] ?? (/^\s+$/.test(part) ? '\\s+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  return new RegExp(source);
}

function fromGroups(groups: Record<string, string | undefined> | undefined): Date | null {
  if (!groups?.['year'] || !groups['month'] || !groups['day']) return null;
  const n = (key: string) => Number(groups[key] ?? 0);
  return vnInstant(n('year'), n('month'), n('day'), n('hour'), n('minute'), n('second'));
}

// ISO 8601 with an offset or Z ("2024-03-10T07:30:00+07:00"): the instant it says.
const ISO_WITH_OFFSET = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/;
// RFC 1123 / HTTP dates ("Fri, 08 Mar 2024 02:43:00 GMT").
const GMT_DATE = /\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4})/;
// Wall-clock forms, Vietnam time: "2024-03-08 09:43:00.0", "08/03/2024 09:43", "09:43 08/03/2024", "08-03-2024".
const YMD_TIME = /\b(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})(?:[ T](?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?)?/;
const DMY_TIME = /\b(?<day>\d{1,2})[/.-](?<month>\d{1,2})[/.-](?<year>\d{4})(?:,?\s*(?:lúc\s*)?(?<hour>\d{1,2})[:h](?<minute>\d{2})(?::(?<second>\d{2}))?)?/;
const TIME_DMY = /\b(?<hour>\d{1,2})[:h](?<minute>\d{2})(?::(?<second>\d{2}))?\s*(?:\(GMT\+7\)\s*)?,?\s*(?:ngày\s*)?(?<day>\d{1,2})[/.-](?<month>\d{1,2})[/.-](?<year>\d{4})/;
// "ngày 8 tháng 3 năm 2024"
const WORDS = /ngày\s+(?<day>\d{1,2})\s+tháng\s+(?<month>\d{1,2})\s+năm\s+(?<year>\d{4})/i;

/**
 * The first date found in `text` ("Thứ sáu, 08/03/2024 09:43", "2024-03-08 09:43:00.0", an ISO string):
 * with `format` only that form is read. Null when there is none.
 */
export function parsePageDate(text: string, format?: string): Date | null {
  const value = text.replace(/\s+/g, ' ').trim();
  if (value === '') return null;
  if (format !== undefined) return fromGroups(formatPattern(format).exec(value)?.groups);
  const iso = ISO_WITH_OFFSET.exec(value) ?? GMT_DATE.exec(value);
  if (iso) {
    const instant = new Date(iso[0]);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  for (const pattern of [TIME_DMY, YMD_TIME, DMY_TIME, WORDS]) {
    const found = fromGroups(pattern.exec(value)?.groups);
    if (found) return found;
  }
  return null;
}
