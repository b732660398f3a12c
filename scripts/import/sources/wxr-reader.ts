// Streams a WordPress export (WXR 1.0-1.2) with saxes: the channel's header (link, authors, categories) and
// then one raw record per <item>, holding only the current item in memory; a truncated or malformed file
// yields every complete item before the damage and then says where it is (item number and line).
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface WxrTerm { domain: string; nicename: string; name: string }

/** One <item> as written: its direct children's text by (canonical) name, its terms and postmeta. */
export interface WxrRawItem {
  /** 1-based position among every <item> of the file (attachments and menu items included). */
  number: number;
  /** The line its <item> tag is on. */
  line: number;
  fields: Map<string, string>;
  terms: WxrTerm[];
  meta: Map<string, string>;
}

export interface WxrChannel {
  title: string;
  link: string;
  /** author login (dc:creator) -> display name */
  authors: Map<string, string>;
  /** category nicename -> its name and its parent's nicename ('' for none) */
  categories: Map<string, { name: string; parent: string }>;
}

export type WxrRecord = { kind: 'item'; item: WxrRawItem } | { kind: 'broken'; where: string; message: string };

// Prefixes are read from the <rss> declarations (WXR 1.0, 1.1 and 1.2 differ in the wp namespace's
// version), so "wp:post_id" means the WordPress element whatever prefix a file chose.
function roleOf(uri: string): string | null {
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/.test(uri)) return 'excerpt';
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/.test(uri)) return 'wp';
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content';
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc';
  return null;
}

/** After this many errors outside items the file is not WXR worth reading on. */
const MAX_LOOSE_ERRORS = 20;

export function emptyChannel(): WxrChannel {
  return { title: '', link: '', authors: new Map(), categories: new Map() };
}

/**
 * Reads `file`, filling `channel` from the header as it goes (it precedes the items), and yields a record
 * per complete item, or a 'broken' record for an item the XML parser choked on and for a file that ends early.
 */
export async function* readWxr(file: string, channel: WxrChannel): AsyncGenerator<WxrRecord> {
  const name = basename(file);
  const out: WxrRecord[] = [];
  const parser = new SaxesParser({ position: true, xmlns: false });
  const prefixes = new Map<string, string>();
  const stack: string[] = [];
  let text = '';
  let itemCount = 0;
  let item: (WxrRawItem & { broken?: string }) | null = null;
  let term: { domain: string; nicename: string } | null = null;
  let metaKey = '';
  let metaValue = '';
  let author = new Map<string, string>();
  let category = new Map<string, string>();
  let looseErrors = 0;
  let ending = false;
  let sawChannel = false;

  const openItem = (): WxrRawItem | null => item;
  const canonical = (qname: string): string => {
    const colon = qname.indexOf(':');
    if (colon < 0) return qname;
    const role = prefixes.get(qname.slice(0, colon));
    return role ? `${role}:${qname.slice(colon + 1)}` : qname;
  };

  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (stack.length === 0 && tag.name === 'rss') {
      for (const [attr, uri] of Object.entries(tag.attributes)) {
        const role = attr.startsWith('xmlns:') ? roleOf(String(uri)) : null;
        if (role) prefixes.set(attr.slice(6), role);
      }
    }
    const el = canonical(tag.name);
    const parent = stack.at(-1);
    stack.push(el);
    text = '';
    if (el === 'channel') sawChannel = true;
    if (el === 'item' && parent === 'channel') {
      itemCount += 1;
      item = { number: itemCount, line: parser.line, fields: new Map(), terms: [], meta: new Map() };
    } else if (item && el === 'category' && parent === 'item') {
      term = { domain: String(tag.attributes.domain ?? ''), nicename: String(tag.attributes.nicename ?? '') };
    } else if (item && el === 'wp:postmeta' && parent === 'item') {
      metaKey = '';
      metaValue = '';
    } else if (el === 'wp:author' && parent === 'channel') {
      author = new Map();
    } else if (el === 'wp:category' && parent === 'channel') {
      category = new Map();
    }
  });

  const onText = (chunk: string) => { text += chunk; };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    const el = stack.pop()!;
    const parent = stack.at(-1);
    const value = text;
    text = '';
    if (item) {
      if (el === 'item' && parent === 'channel') {
        if (item.broken) out.push({ kind: 'broken', where: `${name} <item> #${item.number} (line ${item.line})`, message: item.broken });
        else out.push({ kind: 'item', item });
        item = null;
      } else if (parent === 'item') {
        if (el === 'category' && term) item.terms.push({ ...term, name: value.trim() });
        else if (el === 'wp:postmeta') { if (metaKey && !item.meta.has(metaKey)) item.meta.set(metaKey, metaValue); }
        else if (!item.fields.has(el)) item.fields.set(el, value);
        term = null;
      } else if (parent === 'wp:postmeta') {
        if (el === 'wp:meta_key') metaKey = value.trim();
        else if (el === 'wp:meta_value') metaValue = value;
      }
      return;
    }
    if (parent === 'channel') {
      if (el === 'title' && !channel.title) channel.title = value.trim();
      else if (el === 'link' && !channel.link) channel.link = value.trim();
      else if (el === 'wp:author') {
        const login = author.get('wp:author_login')?.trim();
        if (login) channel.authors.set(login, author.get('wp:author_display_name')?.trim() || login);
      } else if (el === 'wp:category') {
        const nicename = category.get('wp:category_nicename')?.trim();
        if (nicename) channel.categories.set(nicename, { name: (category.get('wp:cat_name') ?? nicename).trim(), parent: (category.get('wp:category_parent') ?? '').trim() });
      }
    } else if (parent === 'wp:author') author.set(el, value);
    else if (parent === 'wp:category') category.set(el, value);
  });

  parser.on('error', (error: Error) => {
    if (ending) return;
    // saxes prefixes its message with line:column; the item and its line are what a person looks for.
    const detail = error.message.replace(/^\d+:\d+:\s*/, '');
    if (item) {
      item.broken ??= `malformed XML at line ${parser.line}: ${detail}`;
    } else if (looseErrors++ < MAX_LOOSE_ERRORS) {
      out.push({ kind: 'broken', where: `${name} line ${parser.line}`, message: `malformed XML: ${detail}` });
    }
  });

  let first = true;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      // Plugins that print blank lines before the XML declaration are a classic cause of "broken" exports.
      parser.write(first ? chunk.replace(/^[\uFEFF\s]+/, '') : chunk);
      first = false;
      yield* out.splice(0);
      if (looseErrors > MAX_LOOSE_ERRORS) {
        yield { kind: 'broken', where: name, message: `too many XML errors: not a WordPress export?` };
        return;
      }
    }
  } finally {
    stream.destroy();
  }
  // Read through a function: the parser's callbacks reassign it, which narrowing cannot see.
  const open = openItem();
  ending = true;
  parser.close();
  yield* out.splice(0);
  if (open) {
    yield { kind: 'broken', where: `${name} <item> #${open.number} (line ${open.line})`, message: `file ends inside <item> #${open.number} (line ${open.line}): truncated?` };
  } else if (!sawChannel) {
    yield { kind: 'broken', where: name, message: 'no <channel>: not a WordPress export (WXR) file' };
  } else if (stack.length > 0) {
    yield { kind: 'broken', where: name, message: `file ends before </${stack.at(-1)}> after <item> #${itemCount}: truncated?` };
  }
}
