// A stored body's HTML for third parties (the API's `html`, JSON Feed content_html, RSS content): site
// paths (`/media/…` photos, `/bai-viet/…` links) made absolute with the site's origin, since a feed reader
// or another site showing the HTML would resolve them against itself. Reader pages keep the paths.

// The HTML is what renderMarkdown stored (hast-util-to-html over sanitized hast): text never holds a raw
// `<` (it is written &lt;), so every `<` opens a tag, and attribute values are always double-quoted.
// The tag pattern reads quoted values whole, so a `>` in an alt text does not end the tag early.
const TAG = /<[a-zA-Z][a-zA-Z0-9]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*\s*\/?>/g;
// src/href starting with one slash: a site path. `//host` (protocol-relative) and `#fn-1` are left alone.
const SITE_PATH = /(\s(?:src|href)=")\/(?!\/)/g;

/** The HTML with every src and href that is a site path prefixed by origin (no trailing slash). */
export function absoluteBodyHtml(html: string, origin: string): string;
export function absoluteBodyHtml(html: string | null, origin: string): string | null;
export function absoluteBodyHtml(html: string | null, origin: string): string | null {
  if (html === null) return null;
  return html.replace(TAG, (tag) => tag.replace(SITE_PATH, (_all, attribute: string) => `${attribute}${origin}/`));
}
