// The hourly orphan sweep also deletes document files never saved with a document (or taken off one)
// once older than the grace period: the row, the R2 object and its text sidecar. Files of documents, and
// orphans still within the grace period, are kept; images are judged as before.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { ORPHAN_GRACE_MS, sweepOrphanMedia } from '../../functions/media/sweep.ts';
import { textKeyOf } from '../../functions/documents/files/text.ts';
import { storeDocumentFile } from '../../functions/documents/files/upload.ts';
import { indexPdfText } from '../../functions/documents/files/text.ts';
import { FIRST_SITE_ID } from '../support/api.ts';
import { documentWith, fileRows } from '../support/document-files-fixtures.ts';
import * as make from '../support/document-files.ts';
import { vietnamesePdf } from '../support/pdf.ts';

async function stored(bytes: Uint8Array, name: string, at: Date) {
  const result = await storeDocumentFile(env, FIRST_SITE_ID, new File([bytes], name), 'user:1', at);
  if (!result.ok) throw new Error(result.message);
  return result;
}

it('deletes unattached files past the grace period with their text, and keeps the rest', async () => {
  const now = new Date();
  const old = new Date(now.getTime() - ORPHAN_GRACE_MS - 60_000);
  const orphan = await stored(await vietnamesePdf([['Bỏ dở']]), 'Bỏ dở.pdf', old);
  await indexPdfText(env, orphan.file, orphan.bytes, old);
  const recent = await stored(make.docx(), 'Mới tải.docx', new Date(now.getTime() - ORPHAN_GRACE_MS + 60_000));
  const attached = await stored(make.xlsx(), 'Đã lưu.xlsx', old);
  await documentWith(FIRST_SITE_ID, [attached.file.id]);
  expect(await env.MEDIA.head(textKeyOf(orphan.file.key))).not.toBeNull();

  const result = await sweepOrphanMedia(env, now);
  expect(result.documentFiles).toContain(orphan.file.key);
  expect(result.documentFiles).not.toContain(recent.file.key);
  expect(result.documentFiles).not.toContain(attached.file.key);
  expect((await fileRows([orphan.file.id, recent.file.id, attached.file.id])).map((r) => r.id).sort()).toEqual([recent.file.id, attached.file.id].sort());
  expect(await env.MEDIA.head(orphan.file.key)).toBeNull();
  expect(await env.MEDIA.head(textKeyOf(orphan.file.key))).toBeNull();
  expect(await env.MEDIA.head(recent.file.key)).not.toBeNull();
  expect(await env.MEDIA.head(attached.file.key)).not.toBeNull();
  // Its URL is gone too; the next run finds nothing more of it.
  expect((await sweepOrphanMedia(env, now)).documentFiles).not.toContain(orphan.file.key);
});
