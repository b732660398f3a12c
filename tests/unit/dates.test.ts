// Dates shown to Vietnamese readers and the calendar day used for daily statistics.
import { describe, expect, it } from 'vitest';
import { formatVietnamDate, formatVietnamDateTime, VIETNAM_TZ, vietnamDay } from '../../functions/content/dates.ts';

describe('Vietnam dates', () => {
  it('uses the Ho Chi Minh City time zone', () => {
    expect(VIETNAM_TZ).toBe('Asia/Ho_Chi_Minh');
  });

  it('formats a morning instant as dd/MM/yyyy HH:mm in Vietnam time', () => {
    const d = new Date('2024-03-08T02:43:00Z');
    expect(formatVietnamDateTime(d)).toBe('08/03/2024 09:43');
    expect(formatVietnamDate(d)).toBe('08/03/2024');
    expect(vietnamDay(d)).toBe('2024-03-08');
  });

  it('puts a late UTC evening on the next Vietnamese day', () => {
    const d = new Date('2024-03-07T20:30:00Z');
    expect(formatVietnamDateTime(d)).toBe('08/03/2024 03:30');
    expect(formatVietnamDate(d)).toBe('08/03/2024');
    expect(vietnamDay(d)).toBe('2024-03-08');
  });

  it('shows midnight as 00, never 24', () => {
    const d = new Date('2024-12-31T17:05:00Z');
    expect(formatVietnamDateTime(d)).toBe('01/01/2025 00:05');
    expect(vietnamDay(d)).toBe('2025-01-01');
  });

  it('computes the day by arithmetic exactly as the time zone database does, 1976 to 2040', () => {
    const icu = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
    const start = Date.UTC(1976, 0, 1);
    const end = Date.UTC(2040, 11, 31);
    let checked = 0;
    // Every 7 h 13 min: all hours of the day and every day boundary drift past over the years.
    for (let t = start; t < end; t += 26_000_000) {
      expect(vietnamDay(new Date(t)), new Date(t).toISOString()).toBe(icu.format(new Date(t)));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(75_000);
  });

  it('keeps the day until 16:59 UTC', () => {
    expect(vietnamDay(new Date('2024-03-07T16:59:59Z'))).toBe('2024-03-07');
    expect(vietnamDay(new Date('2024-03-07T17:00:00Z'))).toBe('2024-03-08');
  });
});
