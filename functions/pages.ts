// The reader site and admin: pages rendered by Astro (site/). Reader pages get a strong ETag of their
// bytes here, so the edge cache stores it and the statistics step can derive the browser's validator.
import { handle } from '@astrojs/cloudflare/handler';
import { strongEtag } from './http/etag.ts';

export async function renderPage(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const response = await handle(request, env, ctx);
  const type = response.headers.get('Content-Type') ?? '';
  const personal = /no-store/.test(response.headers.get('Cache-Control') ?? '');
  if (response.status !== 200 || !type.startsWith('text/html') || response.headers.has('ETag') || personal) return response;
  const html = await response.text();
  const page = new Response(html, response);
  page.headers.set('ETag', await strongEtag(html));
  return page;
}
