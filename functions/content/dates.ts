// Dates as Vietnamese readers expect them (dd/MM/yyyy HH:mm, Vietnam time) and the Vietnam calendar day.
export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

// Building a DateTimeFormat is costly (ICU lookups); one shared instance serves every call.
const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  // h23 rather than hour12:false, which some ICU versions render as "24:05" after midnight.
  hourCycle: 'h23',
});

interface VietnamParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

// Assembled from parts rather than format() so the result does not depend on locale punctuation.
function vietnamParts(d: Date): VietnamParts {
  const parts: VietnamParts = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const p of formatter.formatToParts(d)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute') {
      parts[p.type] = p.value;
    }
  }
  return parts;
}

export function formatVietnamDateTime(d: Date): string {
  const p = vietnamParts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

export function formatVietnamDate(d: Date): string {
  const p = vietnamParts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** Vietnam has kept UTC+7 with no daylight saving since 1975: every date the CMS handles. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * The calendar day in Vietnam, YYYY-MM-DD. By arithmetic rather than ICU: every counted page view asks
 * (in the reader's hash and in its counter shard), and formatToParts costs more than the rest of a view.
 */
export function vietnamDay(d: Date): string {
  return new Date(d.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
