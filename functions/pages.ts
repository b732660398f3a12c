// The reader site and admin: pages rendered by Astro (site/), behind the edge cache for anonymous GETs.
import { handle } from '@astrojs/cloudflare/handler';

export function renderPage(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  return handle(request, env, ctx);
}
