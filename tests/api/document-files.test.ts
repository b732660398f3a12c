// Document file uploads (POST /api/v1/document-files and the store the admin form uses): each accepted
// type is told by its bytes whatever its name; a renamed executable, an HTML page, an empty or cut-off
// file are refused with a clear message and leave nothing behind (no R2 object, no row); keys live under
// the site's space and are never reused.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkDocumentFile, cleanFileName, MAX_DOCUMENT_FILE_BYTES, storeDocumentFile } from '../../functions/documents/files/upload.ts';
import { sniffDocument } from '../../functions/documents/files/sniff.ts';
import { createSite } from '../../functions/data/sites.ts';
import { database } from '../../functions/data/db.ts';
import { FIRST_SITE_ID, writeToken, expectProblem } from '../support/api.ts';
import { fetchAll, fileCount, fileRows, storedKeys, upload, uploadRequest } from '../support/document-files-fixtures.ts';
import * as make from '../support/document-files.ts';
import { vietnamesePdf } from '../support/pdf.ts';

const ACCEPTED = {
  pdf: ['application/pdf', () => vietnamesePdf([['Quyết định số 12/QĐ-UBND']])],
  doc: ['application/msword', make.doc],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', make.docx],
  odt: ['application/vnd.oasis.opendocument.text', make.odt],
  xls: ['application/vnd.ms-excel', make.xls],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', make.xlsx],
  ods: ['application/vnd.oasis.opendocument.spreadsheet', make.ods],
  zip: ['application/zip', make.plainZip],
} as const;

const KEY = /^documents\/1\/\d{4}\/\d{2}\/[0-9a-f]{32}\.(pdf|doc|docx|odt|xls|xlsx|ods|zip)$/;

async function nothingStoredBy(action: () => Promise<void>, siteId = FIRST_SITE_ID): Promise<void> {
  const [keys, rows] = [await storedKeys(siteId), await fileCount(siteId)];
  await action();
  expect(await storedKeys(siteId)).toEqual(keys);
  expect(await fileCount(siteId)).toBe(rows);
}

describe('accepted by their bytes', () => {
  it.each(Object.entries(ACCEPTED))('%s, named misleadingly, is stored with the type of its bytes', async (ext, [mime, bytesOf]) => {
    const token = await writeToken();
    const bytes = await bytesOf();
    // The name says something else (and the browser's type too): only the bytes count.
    const file = await upload(bytes, `Tài liệu đính kèm ${ext}.bin`, token);
    expect(file).toMatchObject({ contentType: mime, size: bytes.length, name: `Tài liệu đính kèm ${ext}.bin`, downloads: 0 });
    expect(file.url).toBe(`http://cms.test/van-ban/tep/${file.id}/${encodeURIComponent(file.name)}`);
    const [row] = await fileRows([file.id]);
    expect(row).toMatchObject({ siteId: FIRST_SITE_ID, documentId: null, contentType: mime, size: bytes.length });
    expect(row!.key).toMatch(KEY);
    expect(row!.key.endsWith(`.${ext}`)).toBe(true);
    const object = await env.MEDIA.get(row!.key);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
    expect(object!.httpMetadata?.contentType).toBe(mime);
  });

  it('gives every upload a fresh key, the same bytes twice included', async () => {
    const token = await writeToken();
    const bytes = make.docx();
    const [a, b] = await Promise.all([upload(bytes, 'a.docx', token), upload(bytes, 'a.docx', token)]);
    const rows = await fileRows([a.id, b.id]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });

  it("keeps another site's files under that site's space", async () => {
    const host = `xa-tep-${Date.now().toString(36)}.test`;
    const site = await createSite(database(env.DB), { name: 'Xã Thử Tệp', hosts: [host] });
    const token = await writeToken(site.id);
    const file = await upload(make.xlsx(), 'Biểu mẫu.xlsx', token, `http://${host}`);
    const [row] = await fileRows([file.id]);
    expect(row!.siteId).toBe(site.id);
    expect(row!.key).toMatch(new RegExp(`^documents/${site.id}/\\d{4}/\\d{2}/[0-9a-f]{32}\\.xlsx$`));
    expect(file.url).toBe(`http://${host}/van-ban/tep/${file.id}/${encodeURIComponent('Biểu mẫu.xlsx')}`);
  });
});

describe('refused, nothing stored', () => {
  const cases: [string, () => Uint8Array | Promise<Uint8Array>, string, number, string][] = [
    ['an executable renamed .pdf', make.exe, 'Quyết định 125.pdf', 415, 'unsupported-file-type'],
    ['an HTML page renamed .docx', make.html, 'Công văn.docx', 415, 'unsupported-file-type'],
    ['a PNG renamed .doc', () => Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAkAAAAECAYAAABcDxXOAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWM4ISfXQAgz0FcRANZFNpEyyrLkAAAAAElFTkSuQmCC'), (c) => c.charCodeAt(0)), 'anh.doc', 415, 'unsupported-file-type'],
    ['an OLE2 file of neither Word nor Excel', () => make.ole2('PowerPoint Document'), 'trinh-chieu.doc', 415, 'unsupported-file-type'],
    ['an empty file', () => new Uint8Array(), 'trong.pdf', 422, 'empty-file'],
    ['a PDF cut off before %%EOF', async () => (await vietnamesePdf([['Bị cắt']])).slice(0, 2000), 'cat.pdf', 422, 'truncated-file'],
    ['a DOCX cut off before its central directory', () => make.docx().slice(0, 600), 'cat.docx', 422, 'truncated-file'],
    ['a DOC cut off in its sectors', () => make.doc().slice(0, 3000), 'cat.doc', 422, 'truncated-file'],
    ['the first bytes of a PDF', () => new TextEncoder().encode('%PD'), 'cat.pdf', 422, 'truncated-file'],
  ];
  it.each(cases)('%s', async (_, bytesOf, name, status, type) => {
    const token = await writeToken();
    const bytes = await bytesOf();
    await nothingStoredBy(async () => {
      const problem = await expectProblem(await fetchAll(uploadRequest(bytes, name, token)), status);
      expect(problem.type).toBe(`https://bientap.dev/problems/${type}`);
      // The message an editor reads names the file and says what to do, in Vietnamese.
      expect(problem.errors?.[0]?.field).toBe('file');
      expect(problem.errors?.[0]?.message).toContain(`"${name}"`);
    });
  });

  it('tells the editor the file is not a document, whatever its extension says', async () => {
    const checked = await checkDocumentFile(new File([make.exe()], 'Quyết định 125.PDF'));
    expect(checked).toEqual({ ok: false, problem: 'not-document', message: expect.stringContaining('không phải văn bản PDF, Word (DOC, DOCX, ODT), bảng tính (XLS, XLSX, ODS) hoặc tệp nén ZIP (dù tên tệp có đuôi .pdf)') });
    const cut = await checkDocumentFile(new File([make.docx().slice(0, 600)], 'a.docx'));
    expect(cut).toMatchObject({ ok: false, problem: 'truncated', message: expect.stringContaining('bị hỏng hoặc chưa được tải lên trọn vẹn') });
  });

  it('refuses a file over 20 MB before reading it (413), and the store refuses it too', async () => {
    const token = await writeToken();
    const big = new Uint8Array(MAX_DOCUMENT_FILE_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    await nothingStoredBy(async () => {
      const problem = await expectProblem(await fetchAll(uploadRequest(big, 'lon.pdf', token)), 413);
      expect(problem.type).toBe('https://bientap.dev/problems/file-too-large');
      const stored = await storeDocumentFile(env, FIRST_SITE_ID, new File([big], 'lon.pdf'), 'user:1', new Date());
      expect(stored).toMatchObject({ ok: false, problem: 'too-big', message: expect.stringContaining('Dung lượng tối đa mỗi tệp là 20 MB') });
    });
    // Exactly the limit is a file like any other.
    const edge = new Uint8Array(MAX_DOCUMENT_FILE_BYTES);
    const pdf = await vietnamesePdf([['Vừa đủ']]);
    edge.set(pdf);
    expect((await sniffDocument(edge)).ok).toBe(false); // padding after %%EOF beyond 1 KB: not a whole PDF
    edge.fill(0x20, pdf.length - 6);
    edge.set(new TextEncoder().encode('%%EOF\n'), edge.length - 6);
    expect(await checkDocumentFile(new File([edge], 'vua.pdf'))).toMatchObject({ ok: true, kind: { format: 'pdf' } });
  });

  it('answers a body that is not a form (415), a form without a file (422), no token (401)', async () => {
    const token = await writeToken();
    await nothingStoredBy(async () => {
      await expectProblem(await fetchAll(new Request('http://cms.test/api/v1/document-files', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/pdf' }, body: make.docx() })), 415);
      const form = new FormData();
      form.append('file', 'not a file');
      const missing = await expectProblem(await fetchAll(new Request('http://cms.test/api/v1/document-files', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form })), 422);
      expect(missing.errors).toEqual([{ field: 'file', message: 'Required: one file.' }]);
      const anonymous = uploadRequest(make.docx(), 'a.docx', token);
      anonymous.headers.delete('Authorization');
      await expectProblem(await fetchAll(anonymous), 401);
    });
  });
});

describe('file names', () => {
  it('keeps the base name, NFC, without control characters; adds the real extension when it has none', () => {
    const kind = { ext: 'pdf' as const };
    expect(cleanFileName('C:\\Users\\Văn thư\\Quyết định 125.pdf', kind)).toBe('Quyết định 125.pdf');
    expect(cleanFileName('Quye\u0302\u0301t đi\u0323nh.pdf', kind)).toBe('Quyết định.pdf');
    expect(cleanFileName('a\u0000b\u202e.pdf', kind)).toBe('ab.pdf');
    expect(cleanFileName('Kế hoạch', kind)).toBe('Kế hoạch.pdf');
    expect(cleanFileName('', kind)).toBe('tep.pdf');
    expect(cleanFileName('Về %22chuyển đổi số%22.pdf', kind)).toBe('Về "chuyển đổi số".pdf');
    const long = cleanFileName(`${'Dài '.repeat(80)}.docx`, { ext: 'docx' });
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('.docx')).toBe(true);
  });
});
