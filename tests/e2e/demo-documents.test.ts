// The demo's documents (scripts/demo-documents.ts) and their generated PDFs (scripts/demo-pdf.ts), in Node:
// the set is what issue 11 asks (30+ documents of the nine forms, real-looking numbers, links between
// them, statuses of all three kinds, drafts) and fits the 2025 reform (no district issues after 30 June
// 2025, no commune before 1 July 2025); every PDF is real, its Vietnamese text layer extractable with
// the same pdf.js build the Worker uses (unpdf), the same bytes every time; missing fonts say what to install.
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, it } from 'vitest';
import { numberKey } from '../../functions/documents/number.ts';
import { legalStatusOn } from '../../functions/documents/status.ts';
import { demoDocumentFiles, demoDocuments, DEMO_TYPE_NAMES, publishAtOf, type DemoDocument } from '../../scripts/demo-documents.ts';
import { demoPdf, FontMissing, loadDemoFonts } from '../../scripts/demo-pdf.ts';

const REFORM = '2025-07-01';
const dates = (d: DemoDocument) => ({ issuedOn: d.issuedOn, effectiveOn: d.effectiveOn ?? null, expiresOn: d.expiresOn ?? null });
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

it('has 30+ documents of every form on the province, a commune and the former district, with unique numbers', () => {
  expect(demoDocuments.length).toBeGreaterThanOrEqual(30);
  expect(new Set(demoDocuments.map((d) => d.type))).toEqual(new Set(Object.keys(DEMO_TYPE_NAMES)));
  const bySite = Map.groupBy(demoDocuments, (d) => d.site);
  expect(bySite.get('province')!.length).toBeGreaterThanOrEqual(15);
  expect(bySite.get('tancuong')!.length).toBeGreaterThanOrEqual(10);
  expect(bySite.get('dongy')!.length).toBeGreaterThanOrEqual(5);
  // Unique as the schema keys them (site, issuer, year, folded number), and plainly unique per site for relations.
  const keys = demoDocuments.map((d) => `${d.site} ${d.issuer} ${d.issuedOn.slice(0, 4)} ${numberKey(d.number)}`);
  expect(new Set(keys).size).toBe(keys.length);
  const numbers = demoDocuments.map((d) => `${d.site} ${d.number}`);
  expect(new Set(numbers).size).toBe(numbers.length);
  // Legal documents carry their year of issue in the number ("12/2025/QĐ-UBND").
  const legal = demoDocuments.filter((d) => /^\d+\/\d{4}\//.test(d.number));
  expect(legal.length).toBeGreaterThanOrEqual(5);
  for (const d of legal) expect(d.number.split('/')[1], d.number).toBe(d.issuedOn.slice(0, 4));
});

it('fits the 2025 reform: the district issues before 1 July 2025, the commune from that day', () => {
  for (const d of demoDocuments.filter((x) => x.site === 'dongy')) expect(d.issuedOn < REFORM, d.number).toBe(true);
  for (const d of demoDocuments.filter((x) => x.site === 'tancuong')) expect(d.issuedOn >= REFORM, d.number).toBe(true);
});

it('has consistent dates, statuses of all three kinds, one scheduled and drafts', () => {
  for (const d of demoDocuments) {
    expect(d.issuedOn, d.number).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (d.effectiveOn) expect(d.effectiveOn >= d.issuedOn, d.number).toBe(true);
    if (d.expiresOn) expect(d.expiresOn > (d.effectiveOn ?? d.issuedOn), d.number).toBe(true);
    // Published on the portal after it was issued.
    expect(Date.parse(publishAtOf(d)) > Date.parse(`${d.issuedOn}T00:00:00+07:00`), d.number).toBe(true);
  }
  // On the day the demo was written each status is there (on later days the mix shifts, as it should).
  const statuses = demoDocuments.filter((d) => d.state === 'published').map((d) => legalStatusOn(dates(d), '2026-11-29'));
  expect(new Set(statuses)).toEqual(new Set(['not-yet-effective', 'in-effect', 'expired']));
  expect(statuses.filter((s) => s === 'in-effect').length).toBeGreaterThan(statuses.length / 2);
  const drafts = demoDocuments.filter((d) => d.state === 'draft');
  expect(drafts.length).toBeGreaterThanOrEqual(1);
  expect(drafts.length).toBeLessThanOrEqual(2);
  expect(demoDocuments.filter((d) => d.publishAt && Date.parse(d.publishAt) > Date.parse('2026-11-29T00:00:00+07:00'))).toHaveLength(1);
});

it('links documents of the same site by number: replaces, amends and guided-by, to published documents issued before', () => {
  const kinds = new Set<string>();
  for (const d of demoDocuments) {
    for (const r of d.relations ?? []) {
      kinds.add(r.kind);
      const target = demoDocuments.find((x) => x.site === d.site && x.number === r.number);
      expect(target, `${d.number} -> ${r.number}`).toBeDefined();
      expect(target!.state).toBe('published');
      if (r.kind !== 'guided-by') {
        expect(target!.issuedOn < d.issuedOn, `${d.number} ${r.kind} ${r.number}`).toBe(true);
      }
      // A replaced document stops being in effect the day its replacement starts.
      if (r.kind === 'replaces' && target!.expiresOn) expect(target!.expiresOn).toBe(d.effectiveOn ?? d.issuedOn);
    }
  }
  expect(kinds).toEqual(new Set(['replaces', 'amends', 'guided-by']));
});

it('makes every demo PDF with a Vietnamese text layer (number, motto, summary, signer), some documents with two files', async () => {
  const fonts = await loadDemoFonts();
  let files = 0;
  for (const d of demoDocuments) {
    const made = demoDocumentFiles(d);
    for (const [i, f] of made.entries()) {
      expect(f.name, d.number).toMatch(/\.pdf$/);
      const bytes = await demoPdf(f.spec, fonts);
      expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
      expect(bytes.length).toBeLessThan(64 * 1024); // small: a subset of the font, a page or two
      const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
      const flat = oneLine(text);
      expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(flat).toContain(d.number);
      expect(flat).toContain(d.signer.name);
      if (i === 0 && d.type !== 'cong-van') expect(flat).toContain(oneLine(d.summary.replace(/^Dự thảo: /, '')));
      if (i === 0 && d.type === 'cong-van') expect(flat).toContain(`V/v ${d.summary.charAt(0).toLocaleLowerCase('vi')}`);
      files++;
    }
  }
  expect(files).toBeGreaterThan(demoDocuments.length);
}, 120_000);

it('a draft PDF is marked and unsigned; an annex names its document; the same document gives the same bytes', async () => {
  const fonts = await loadDemoFonts();
  const draft = demoDocuments.find((d) => d.state === 'draft')!;
  const draftText = oneLine((await extractText(await getDocumentProxy(await demoPdf(demoDocumentFiles(draft)[0]!.spec, fonts)), { mergePages: true })).text);
  expect(draftText).toContain('DỰ THẢO');
  expect(draftText).not.toContain('(Đã ký)');
  expect(draftText).toContain('ngày … tháng …');

  const withAnnex = demoDocuments.find((d) => d.annex && d.type === 'ke-hoach')!;
  const [main, annex] = demoDocumentFiles(withAnnex);
  const annexText = oneLine((await extractText(await getDocumentProxy(await demoPdf(annex!.spec, fonts)), { mergePages: true })).text);
  expect(annexText).toContain(`Kèm theo Kế hoạch số ${withAnnex.number}`);
  expect(annexText).toContain(oneLine(withAnnex.annex!.title));

  const once = await demoPdf(main!.spec, fonts);
  const again = await demoPdf(main!.spec, fonts);
  expect(Buffer.from(again).equals(Buffer.from(once))).toBe(true);
});

it('says which Debian package to install when the font is missing', async () => {
  const missing = loadDemoFonts({ regular: '/nonexistent/DejaVuSans.ttf', bold: '/nonexistent/DejaVuSans-Bold.ttf' });
  await expect(missing).rejects.toBeInstanceOf(FontMissing);
  await expect(missing).rejects.toThrow(/\/nonexistent\/DejaVuSans\.ttf is missing: install Debian's fonts-dejavu-core/);
});
