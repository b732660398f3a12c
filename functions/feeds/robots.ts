// robots.txt: written by the Worker because its Sitemap line must be an absolute URL on the host's
// site (the origin differs per site, and between local, preview and production).
import { siteOrigin } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { sendRead } from '../http/respond.ts';

export const robots: Handler = async (request, env) =>
  sendRead(
    request,
    ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /xem-truoc', `Sitemap: ${siteOrigin(request, env)}/sitemap.xml`, ''].join('\n'),
    { contentType: 'text/plain; charset=utf-8' },
  );
