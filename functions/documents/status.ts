// A document's legal status (hiệu lực), computed from its dates and today's date in Vietnam, never
// stored: it changes at Vietnam midnight without a write (cached surfaces key on the day, edge-cache.ts).
import { vietnamDay } from '../content/dates.ts';

export const LEGAL_STATUSES = ['not-yet-effective', 'in-effect', 'expired'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** The reader site's words: URL values of the filter and the labels shown. */
export const LEGAL_STATUS_SLUGS: Record<LegalStatus, string> = {
  'not-yet-effective': 'chua-co-hieu-luc',
  'in-effect': 'con-hieu-luc',
  expired: 'het-hieu-luc',
};
export const LEGAL_STATUS_LABELS: Record<LegalStatus, string> = {
  'not-yet-effective': 'Chưa có hiệu lực',
  'in-effect': 'Còn hiệu lực',
  expired: 'Hết hiệu lực',
};

export function legalStatusOfSlug(slug: string): LegalStatus | null {
  const found = LEGAL_STATUSES.find((s) => LEGAL_STATUS_SLUGS[s] === slug);
  return found ?? null;
}

export interface DocumentDates {
  /** "YYYY-MM-DD", Vietnam calendar days. */
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
}

/**
 * Without a date of effect a document is in effect from its date of issue ("có hiệu lực kể từ ngày ký").
 * It takes effect ON effectiveOn and is no longer in effect ON expiresOn ("hết hiệu lực từ ngày ...").
 */
export const effectiveFrom = (d: DocumentDates) => d.effectiveOn ?? d.issuedOn;

/** The status on `today` (a Vietnam day, "YYYY-MM-DD"); ISO days compare as strings. */
export function legalStatusOn(d: DocumentDates, today: string): LegalStatus {
  if (effectiveFrom(d) > today) return 'not-yet-effective';
  if (d.expiresOn !== null && d.expiresOn <= today) return 'expired';
  return 'in-effect';
}

export const legalStatus = (d: DocumentDates, now: Date): LegalStatus => legalStatusOn(d, vietnamDay(now));
