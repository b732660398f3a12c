// <input type="datetime-local"> in Vietnam time (UTC+7 all year, no daylight saving) to and from UTC.
const OFFSET_MS = 7 * 60 * 60_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-11-20T08:30" (Vietnam) for a UTC instant, as the input's value. */
export function toDatetimeLocal(date: Date | null): string {
  if (!date) return '';
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The UTC instant of a Vietnam wall-clock value from the input, or null if it is not a real time. */
export function fromDatetimeLocal(value: string): Date | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? '0')) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC rolls 31/02 over to March: a date that does not exist is refused, not moved.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  return new Date(utc - OFFSET_MS);
}
