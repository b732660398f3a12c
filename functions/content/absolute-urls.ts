// A stored body's HTML for third parties (the API's `html`, JSON Feed content_html, RSS content): site
// paths (`/media/…` photos, `/bai-viet/…` links) made absolute with the site's origin, since a feed reader
// or another site showing the HTML would resolve them against itself. Reader pages keep the paths.

// The HTML is what renderMarkdown stored (hast-util-to-html over sanitized hast): text never holds a raw
// `<` (it is written &lt;), so every `<` opens a tag, and attribute values are always double-quoted.
// Text may hold ` href="/` though, so a candidate counts only inside a tag: from the last `<` before it,
// the start of a tag whose attributes read whole up to it (quoted values read whole, so a `>` in an alt
// text does not end the tag early). Only candidates are checked, not every tag: this runs on every API
// read and feed item (a 50 KB body: 1.0-1.9 ms when every tag was matched, 0.01-0.1 ms this way).
// src/href starting with one slash: a site path. `//host` (protocol-relative) and `#fn-1` are left alone.
const SITE_PATH = /(\s(?:src|href)=")\/(?!\/)/g;
const TAG_START = /^<[a-zA-Z][a-zA-Z0-9]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*$/;

/** The HTML with every src and href that is a site path prefixed by origin (no trailing slash). */
export function absoluteBodyHtml(html: string, origin: string): string;
export function absoluteBodyHtml(html: string | null, origin: string): string | null;
export function absoluteBodyHtml(html: string | null, origin: string): string | null {
  if (html === null) return null;
  return html.replace(SITE_PATH, (all, attribute: string, at: number) => {
    const open = html.lastIndexOf('<', at);
    return open !== -1 && TAG_START.test(html.slice(open, at)) ? `${attribute}${origin}/` : all;
  });
}
