// A WARC (or .warc.gz) crawl of the old site, read with warcio (Webrecorder's streaming reader): its HTML
// responses are the pages; any other response is found by URL through an offset index built on demand.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { WARCParser, type WARCRecord } from 'warcio';

/** A file that is not a WARC, or whose end is cut off. */
export class WarcDamaged extends Error {}

/** One HTML page of the crawl; `tooLarge`: it was left unread (bytes empty), being over MAX_PAGE_BYTES. */
export interface WarcPage {
  url: string;
  bytes: Uint8Array;
  contentType: string;
  tooLarge?: boolean;
}

/**
 * The largest page or image read from a crawl. A saved portal page is well under 2 MB; a record that says
 * more (a .warc.gz member inflates 1000:1: 300 MB from 300 KB) would take gigabytes in jsdom.
 */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;

/** The record's content (HTTP encodings undone) up to `max` bytes; null past that, unread further. */
async function boundedContent(record: WARCRecord, max: number): Promise<Uint8Array | null> {
  if (record.warcContentLength > max) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record.contentReader) {
    size += chunk.length;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A record of the crawl by URL: where it is, for reading it alone later. */
interface RecordPlace {
  offset: number;
  length: number;
}

const ANSWERS = new Set(['response', 'resource']);

function contentTypeOf(record: WARCRecord): string {
  return (record.httpHeaders?.headers.get('Content-Type') ?? record.warcContentType ?? '').toLowerCase();
}

/** The HTTP status of a response record (a resource record is the thing itself: 200). */
function statusOf(record: WARCRecord): number {
  return record.warcType === 'response' ? Number(record.httpHeaders?.statusCode ?? 0) : 200;
}

export class WarcFile {
  readonly #path: string;
  #index: Promise<Map<string, RecordPlace>> | null = null;

  constructor(path: string) {
    this.#path = path;
  }

  /**
   * The crawl's HTML pages (status 200) in file order. Throws WarcDamaged for a file that is not a WARC
   * or ends inside a record (a cut download): warcio stops there silently.
   */
  async *pages(): AsyncGenerator<WarcPage> {
    const parser = new WARCParser(createReadStream(this.#path));
    let records = 0;
    for await (const record of parser) {
      if (records++ === 0 && !record.warcType) throw new WarcDamaged('not a WARC file (no WARC record at its start)');
      const url = record.warcTargetURI;
      const type = contentTypeOf(record);
      if (!url || !ANSWERS.has(record.warcType ?? '') || statusOf(record) !== 200 || !/html/.test(type)) {
        await record.skipFully();
        continue;
      }
      const bytes = await boundedContent(record, MAX_PAGE_BYTES);
      if (bytes === null) await record.skipFully();
      yield bytes === null ? { url, bytes: new Uint8Array(0), contentType: type, tooLarge: true } : { url, bytes, contentType: type };
    }
    const size = (await stat(this.#path)).size;
    if (parser.offset < size) throw new WarcDamaged(`the last ${size - parser.offset} bytes are not a whole record (a cut download?); the records before them were read`);
  }

  // One pass that notes where each answer starts; a .warc.gz is one gzip member per record, so a record
  // read alone from its offset decompresses by itself.
  async #buildIndex(): Promise<Map<string, RecordPlace>> {
    const index = new Map<string, RecordPlace>();
    const parser = new WARCParser(createReadStream(this.#path));
    for await (const record of parser) {
      await record.skipFully();
      const url = record.warcTargetURI;
      if (url && ANSWERS.has(record.warcType ?? '') && !index.has(url)) index.set(url, { offset: parser.offset, length: parser.recordLength });
    }
    return index;
  }

  /** The answer the crawl holds for `url`: its status, type and bytes; null when it has none. */
  async find(url: string): Promise<{ status: number; contentType: string; bytes: Uint8Array } | null> {
    this.#index ??= this.#buildIndex();
    const place = (await this.#index).get(url);
    if (!place) return null;
    const file = await open(this.#path, 'r');
    try {
      const raw = new Uint8Array(place.length);
      await file.read(raw, 0, place.length, place.offset);
      const record = await WARCParser.parse([raw]);
      if (!record) return null;
      const bytes = await boundedContent(record, MAX_PAGE_BYTES);
      return bytes === null ? { status: 413, contentType: contentTypeOf(record), bytes: new Uint8Array(0) } : { status: statusOf(record), contentType: contentTypeOf(record), bytes };
    } finally {
      await file.close();
    }
  }
}
