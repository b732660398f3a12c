// The documents registry's reader helpers: file sizes written the Vietnamese way, the registry's address
// (malformed filters are no filter), schema.org legal force, and JSON-LD an editor's text cannot break out of.
import { describe, expect, it } from 'vitest';
import { legalForce, legislationJsonLd } from '../../site/lib/document-json-ld.ts';
import { documentListHref, documentListRequest, formatDay, type DocumentView } from '../../site/lib/document-pages.ts';
import { formatFileSize } from '../../site/lib/file-size.ts';

describe('formatFileSize', () => {
  it.each([
    [0, '0 byte'], [312, '312 byte'], [1023, '1.023 byte'], [1024, '1 KB'], [1536, '1,5 KB'], [10 * 1024, '10 KB'],
    [123_456, '121 KB'], [1_572_864, '1,5 MB'], [20 * 1024 * 1024, '20 MB'], [3 * 1024 ** 3, '3 GB'],
  ])('%d bytes -> %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});

describe('the registry address', () => {
  it('keeps well-formed filters in a fixed order and drops the rest', () => {
    const url = new URL('http://cms.test/van-ban?hieu-luc=con-hieu-luc&nam=2024&loai=quyet-dinh&q=%20125%2FQ%C4%90-UBND%20&co-quan=%3Cx%3E&linh-vuc=&sau=abc');
    const request = documentListRequest(url);
    expect(request).toEqual({ q: '125/QĐ-UBND', type: 'quyet-dinh', issuer: '', field: '', year: 2024, status: 'in-effect', after: 'abc' });
    expect(documentListHref(request)).toBe('/van-ban?q=125%2FQ%C4%90-UBND&loai=quyet-dinh&nam=2024&hieu-luc=con-hieu-luc');
    expect(documentListHref(request, 'next')).toBe('/van-ban?q=125%2FQ%C4%90-UBND&loai=quyet-dinh&nam=2024&hieu-luc=con-hieu-luc&sau=next');
    expect(documentListRequest(new URL('http://cms.test/van-ban?nam=24&hieu-luc=sai'))).toMatchObject({ year: null, status: null });
  });

  it('writes days as Vietnamese documents do', () => {
    expect(formatDay('2024-03-08')).toBe('08/03/2024');
  });
});

const doc = (over: Partial<DocumentView> = {}): DocumentView => ({
  slug: 'x', path: '/van-ban/x', number: '125/QĐ-UBND', issuedOn: '2024-03-08', issuedOnText: '08/03/2024', summary: 'Trích yếu',
  type: { slug: 'quyet-dinh', name: 'Quyết định' }, status: 'in-effect', files: [], issuer: { slug: 'ubnd', name: 'Ủy ban nhân dân' },
  field: null, signer: '', effectiveOn: null, effectiveOnText: null, expiresOn: null, expiresOnText: null, bodyHtml: '', relations: [], ...over,
});

describe('Legislation JSON-LD', () => {
  it('says whether the document is in force, in part (amended by another) or not', () => {
    expect(legalForce(doc())).toBe('https://schema.org/InForce');
    expect(legalForce(doc({ status: 'expired' }))).toBe('https://schema.org/NotInForce');
    expect(legalForce(doc({ status: 'not-yet-effective' }))).toBe('https://schema.org/NotInForce');
    const amendedBy = { kind: 'amends' as const, direction: 'incoming' as const, label: '', number: '7/QĐ-UBND', summary: '', path: '/van-ban/y' };
    expect(legalForce(doc({ relations: [amendedBy] }))).toBe('https://schema.org/PartiallyInForce');
    expect(legalForce(doc({ relations: [{ ...amendedBy, direction: 'outgoing' }] }))).toBe('https://schema.org/InForce');
  });

  it('cannot be closed by what an editor typed', () => {
    const json = legislationJsonLd(doc({ summary: '</script><script>alert(1)</script> & <!--' }), { name: 'Cổng', origin: 'http://cms.test' }, 'http://cms.test/van-ban/x');
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json).abstract).toBe('</script><script>alert(1)</script> & <!--');
  });

  it('dates the application from the date of issue when the document names no date of effect', () => {
    const site = { name: 'Cổng', origin: 'http://cms.test' };
    expect(JSON.parse(legislationJsonLd(doc(), site, 'http://cms.test/van-ban/x')).legislationDateOfApplicability).toBe('2024-03-08');
    expect(JSON.parse(legislationJsonLd(doc({ effectiveOn: '2024-04-01' }), site, 'http://cms.test/van-ban/x')).legislationDateOfApplicability).toBe('2024-04-01');
  });
});
