// The dashboard's chart of daily visits: the last N Vietnam days (missing days are zero) and the
// geometry of their bars, computed here so the page only draws (inline SVG, no library, no script).
import { vietnamDay } from '../../functions/content/dates.ts';

export interface DayVisits {
  /** YYYY-MM-DD, Vietnam calendar. */
  day: string;
  visits: number;
}

export interface Bar extends DayVisits {
  x: number;
  y: number;
  width: number;
  height: number;
  /** dd/MM for the axis. */
  label: string;
}

const DAY_MS = 24 * 60 * 60_000;

/** The last `days` Vietnam days up to today, oldest first, with the visits the series has for each. */
export function lastDays(series: { day: string; visits: number }[], now: Date, days = 30): DayVisits[] {
  const byDay = new Map(series.map((d) => [d.day, d.visits]));
  return Array.from({ length: days }, (_, i) => {
    const day = vietnamDay(new Date(now.getTime() - (days - 1 - i) * DAY_MS));
    return { day, visits: byDay.get(day) ?? 0 };
  });
}

export const CHART = { width: 720, height: 240, top: 16, bottom: 28, left: 48, right: 8 } as const;

/** A round number at or above max, for the axis (1, 2, 5 x 10^n). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function bars(days: DayVisits[]): { bars: Bar[]; max: number } {
  const max = niceMax(Math.max(0, ...days.map((d) => d.visits)));
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = plotWidth / Math.max(1, days.length);
  return {
    max,
    bars: days.map((d, i) => {
      const height = Math.round((d.visits / max) * plotHeight * 10) / 10;
      const [, month, dayOfMonth] = d.day.split('-');
      return {
        ...d,
        x: Math.round((CHART.left + i * slot + slot * 0.15) * 10) / 10,
        y: Math.round((CHART.top + plotHeight - height) * 10) / 10,
        width: Math.round(slot * 0.7 * 10) / 10,
        height,
        label: `${dayOfMonth}/${month}`,
      };
    }),
  };
}
