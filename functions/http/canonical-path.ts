// One spelling per page. The router, the admin's gate and the edge cache's roll-up keys match paths
// exactly, while the runtime and Astro also answer other spellings of the same page: Astro's file names
// (/admin.html, /tin-tu-co-so/index.html), percent-escapes of plain letters (/%61dmin), a trailing slash
// on a feed, doubled slashes. Left alone, /admin.html would be the admin dashboard outside the admin's
// gate, and /index.html a province's home cached without its roll-up generation (stale after a
// commune's write). So the Worker entry answers every other spelling with a redirect to the one below.

/** %-escapes of unreserved characters (RFC 3986 §2.3): they mean the character itself (§6.2.2.2). */
const UNRESERVED_ESCAPE = /%(?:3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]|2[de]|5f|7e)/gi;
/** What may make a path non-canonical; most requests have none of it and cost one test. */
const SUSPECT = /%|\/\/|\.html$|.\/$|\/\.\.?(?:\/|$)/;

/** The canonical spelling of a path (already normalised by the URL parser), or null when it is canonical. */
export function canonicalPath(pathname: string): string | null {
  if (!SUSPECT.test(pathname)) return null;
  let path = pathname.replace(UNRESERVED_ESCAPE, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
  // Resolves the dot segments an unescaped "%2E" may have made; collapses "//" first, so the result can
  // never start with "//" (a Location that a browser would read as another host).
  path = new URL(path.replace(/\/{2,}/g, '/'), 'http://canonical.invalid').pathname;
  if (path.endsWith('/index.html')) path = path.slice(0, -'index.html'.length);
  else if (path.endsWith('.html')) path = path.slice(0, -'.html'.length);
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';
  return path === pathname ? null : path;
}

/** The path of a request URL without parsing the whole URL (the runtime normalised it already). */
export function pathOf(url: string): { path: string; query: string } {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return { path: '/', query: '' };
  const end = url.indexOf('?', start);
  return end < 0 ? { path: url.slice(start), query: '' } : { path: url.slice(start, end), query: url.slice(end) };
}
