// Legal status from the dates and the Vietnam day: boundaries at the day of effect and of expiry, and Vietnam midnight (17:00 UTC).
import { describe, expect, it } from 'vitest';
import { legalStatus, legalStatusOfSlug, legalStatusOn, LEGAL_STATUS_SLUGS } from '../../functions/documents/status.ts';

const doc = { issuedOn: '2024-03-01', effectiveOn: '2024-03-15', expiresOn: '2025-01-01' };

describe('legalStatusOn', () => {
  it('is not yet in effect until the day of effect, in effect on it', () => {
    expect(legalStatusOn(doc, '2024-03-14')).toBe('not-yet-effective');
    expect(legalStatusOn(doc, '2024-03-15')).toBe('in-effect');
  });

  it('is expired on the day of expiry, in effect the day before', () => {
    expect(legalStatusOn(doc, '2024-12-31')).toBe('in-effect');
    expect(legalStatusOn(doc, '2025-01-01')).toBe('expired');
  });

  it('without a date of effect, takes effect on the day of issue; without expiry, never expires', () => {
    const open = { issuedOn: '2024-03-01', effectiveOn: null, expiresOn: null };
    expect(legalStatusOn(open, '2024-02-29')).toBe('not-yet-effective');
    expect(legalStatusOn(open, '2024-03-01')).toBe('in-effect');
    expect(legalStatusOn(open, '2099-12-31')).toBe('in-effect');
  });
});

describe('legalStatus at Vietnam midnight', () => {
  it('flips at 00:00 in Vietnam (17:00 UTC the day before), not at UTC midnight', () => {
    expect(legalStatus(doc, new Date('2024-03-14T16:59:59.999Z'))).toBe('not-yet-effective');
    expect(legalStatus(doc, new Date('2024-03-14T17:00:00.000Z'))).toBe('in-effect');
    expect(legalStatus(doc, new Date('2024-12-31T16:59:59.999Z'))).toBe('in-effect');
    expect(legalStatus(doc, new Date('2024-12-31T17:00:00.000Z'))).toBe('expired');
  });

  it('reads the reader site\'s filter values back', () => {
    expect(LEGAL_STATUS_SLUGS['in-effect']).toBe('con-hieu-luc');
    expect(legalStatusOfSlug('het-hieu-luc')).toBe('expired');
    expect(legalStatusOfSlug('khac')).toBeNull();
  });
});
