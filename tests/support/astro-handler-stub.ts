// In the worker project the Astro renderer is replaced by this: API, feed and unit tests exercise the
// Worker from source, where Astro's virtual modules do not exist. The real pages are tested against
// the built Worker in the "pages" project (tests/stats, tests/pages).
export function handle(request: Request): Response {
  const { pathname } = new URL(request.url);
  return new Response(`<!doctype html><html lang="vi"><title>Không tìm thấy</title><p>${pathname.length} ký tự</p></html>`, {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}
