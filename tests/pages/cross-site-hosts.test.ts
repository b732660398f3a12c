// Red-team probe of issue 10, built Worker: no site may take the host the first site is served on.
// The first site of a one-site deployment upgraded (and of the tests) has no registry hostnames: it is
// served on SITE_URL's host (http://cms.test here), and the admin with it. A registry hostname is looked
// up before SITE_URL, so a site given that host would take it over: the first site's content gone from
// its own address and /admin redirecting to itself. Its own file: a takeover would spoil any other test.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { ADMIN, adminGet, adminPost, at, PAGE, sessionFor, U } from '../support/cross-site.ts';
import { postArticle, writeToken, freshCategory } from '../support/api.ts';

it('creating a site, or changing a site\'s hostnames, with the first site\'s SITE_URL host is refused; the first site and the admin stay', async () => {
  const platform = await sessionFor([[1, 'admin']], 1, true);
  const { article } = await postArticle(await writeToken(), { title: `Bài của trang đầu ${U}`, category: await freshCategory(), status: 'published' });
  const firstSiteStands = async (when: string) => {
    expect((await at(`${ADMIN}/api/v1/articles/${article.slug}`)).status, `${when}: the first site's article on its host`).toBe(200);
    const login = await at(`${ADMIN}/admin/login`, { headers: PAGE });
    expect(login.status, `${when}: the sign-in page (${login.headers.get('Location')})`).toBe(200);
    expect((await adminGet(platform, '/admin')).status, `${when}: the dashboard`).toBe(200);
  };
  await firstSiteStands('before');

  for (const hosts of ['cms.test', 'CMS.TEST', `xa-moi-${U}.test\ncms.test`]) {
    const res = await adminPost(platform, '/admin/cac-trang', { action: 'save', name: `Trang chiếm ${U}`, subtitle: '', hosts, parentId: '', visitOffset: '0', primaryColor: '' });
    expect(res.status, JSON.stringify(hosts)).toBe(422);
    await firstSiteStands(`after creating a site with ${JSON.stringify(hosts)}`);
  }

  const made = await adminPost(platform, '/admin/cac-trang', { action: 'save', name: `Trang thật ${U}`, subtitle: '', hosts: `xa-that-${U}.test`, parentId: '', visitOffset: '0', primaryColor: '' });
  expect(made.status, 'a site with a host of its own is created').toBeLessThan(400);
  const id = (await env.DB.prepare('SELECT site_id FROM site_hosts WHERE host = ?').bind(`xa-that-${U}.test`).first<{ site_id: number }>())?.site_id;
  expect(id, 'the new site').toBeTruthy();
  const edit = await adminPost(platform, `/admin/cac-trang/${id}`, { action: 'save', name: `Trang thật ${U}`, subtitle: '', hosts: `xa-that-${U}.test\ncms.test`, parentId: '', visitOffset: '0', primaryColor: '' });
  expect(edit.status).toBe(422);
  await firstSiteStands('after editing a site\'s hostnames');
});
