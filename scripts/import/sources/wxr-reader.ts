// Streams a WordPress export (WXR 1.0-1.2) with saxes: the channel's header (link, authors, categories) and
// then one raw record per <item>, holding only the current item in memory. A truncated file yields every
// complete item and then says where it ends (item number and line); malformed XML spoils one item only: the
// reading starts again, with a fresh parser, at the next <item>.
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
  let parser = new SaxesParser({ position: true, xmlns: false });
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
  /** Set by an error: the parser's state is not to be trusted until it is rebuilt at the next <item>. */
  let spoiled = false;
  /** Lines consumed before the current parser started (a rebuilt parser counts from 1 again). */
  let lineBase = 0;
  let rssTag = '<rss>';
  const lineOf = () => lineBase + parser.line;

  const openItem = (): WxrRawItem | null => item;
  const canonical = (qname: string): string => {
    const colon = qname.indexOf(':');
    if (colon < 0) return qname;
    const role = prefixes.get(qname.slice(0, colon));
    return role ? `${role}:${qname.slice(colon + 1)}` : qname;
  };

  const onOpen = (tag: SaxesTagPlain) => {
    if (stack.length === 0 && tag.name === 'rss') {
      const declarations: string[] = [];
      for (const [attr, uri] of Object.entries(tag.attributes)) {
        if (!attr.startsWith('xmlns')) continue;
        declarations.push(`${attr}="${String(uri).replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`);
        const role = attr.startsWith('xmlns:') ? roleOf(String(uri)) : null;
        if (role) prefixes.set(attr.slice(6), role);
      }
      rssTag = `<rss ${declarations.join(' ')}>`;
    }
    const el = canonical(tag.name);
    const parent = stack.at(-1);
    stack.push(el);
    text = '';
    if (el === 'channel') sawChannel = true;
    if (el === 'item' && parent === 'channel') {
      itemCount += 1;
      item = { number: itemCount, line: lineOf(), fields: new Map(), terms: [], meta: new Map() };
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
  };

  const onText = (chunk: string) => { text += chunk; };

  const onClose = () => {
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
  };

  const onError = (error: Error) => {
    // After the first error saxes may unwind every open element; what it says next is noise.
    if (ending || spoiled) return;
    spoiled = true;
    // saxes prefixes its message with line:column; the item and its line are what a person looks for.
    const detail = error.message.replace(/^\d+:\d+:\s*/, '');
    if (item) {
      item.broken ??= `malformed XML at line ${lineOf()}: ${detail}`;
    } else {
      looseErrors += 1;
      out.push({ kind: 'broken', where: `${name} line ${lineOf()}`, message: `malformed XML: ${detail}` });
    }
  };

  const bind = (p: SaxesParser<{ position: true; xmlns: false }>) => {
    p.on('opentag', onOpen);
    p.on('text', onText);
    p.on('cdata', onText);
    p.on('closetag', onClose);
    p.on('error', onError);
  };
  bind(parser);

  /** A fresh parser, inside <rss><channel> as the file declared them, ready for the next <item>. */
  const rebuild = (linesBefore: number) => {
    const broken = openItem();
    if (broken) out.push({ kind: 'broken', where: `${name} <item> #${broken.number} (line ${broken.line})`, message: item!.broken ?? 'malformed XML' });
    item = null;
    parser = new SaxesParser({ position: true, xmlns: false });
    bind(parser);
    stack.length = 0;
    parser.write(`${rssTag}<channel>`);
    lineBase = linesBefore;
    spoiled = false;
  };

  let lines = 0;
  const newlines = (segment: string) => {
    let n = 0;
    for (let i = segment.indexOf('\n'); i >= 0; i = segment.indexOf('\n', i + 1)) n++;
    return n;
  };
  // Written one item at a time, so that after an error nothing but the spoiled item's rest is skipped.
  const writeSegment = (segment: string) => {
    if (!segment) return;
    if (spoiled) {
      if (!segment.startsWith('<item>')) { lines += newlines(segment); return; }
      rebuild(lines);
    }
    parser.write(segment);
    lines += newlines(segment);
  };
  let pending = '';
  const feed = (chunk: string, final: boolean) => {
    pending += chunk;
    let start = 0;
    for (let at = pending.indexOf('<item>', 1); at >= 0; at = pending.indexOf('<item>', at + 1)) {
      writeSegment(pending.slice(start, at));
      start = at;
    }
    // The chunk may end inside "<item>": keep a tail that could be its beginning.
    const keep = final ? pending.length : Math.max(start, pending.length - '<item>'.length + 1);
    writeSegment(pending.slice(start, keep));
    pending = pending.slice(keep);
  };

  let first = true;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      // Plugins that print blank lines before the XML declaration are a classic cause of "broken" exports.
      feed(first ? chunk.replace(/^[\uFEFF\s]+/, '') : chunk, false);
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
  feed('', true);
  // Read through a function: the parser's callbacks reassign it, which narrowing cannot see.
  const open = openItem() as (WxrRawItem & { broken?: string }) | null;
  const brokenAtEnd = spoiled;
  ending = true;
  parser.close();
  yield* out.splice(0);
  if (open?.broken) {
    yield { kind: 'broken', where: `${name} <item> #${open.number} (line ${open.line})`, message: open.broken };
  } else if (open) {
    yield { kind: 'broken', where: `${name} <item> #${open.number} (line ${open.line})`, message: `file ends inside <item> #${open.number} (line ${open.line}): truncated?` };
  } else if (!sawChannel) {
    yield { kind: 'broken', where: name, message: 'no <channel>: not a WordPress export (WXR) file' };
  } else if (stack.length > 0 && !brokenAtEnd) {
    yield { kind: 'broken', where: name, message: `file ends before </${stack.at(-1)}> after <item> #${itemCount}: truncated?` };
  }
}
