// One spelling per page (functions/http/canonical-path.ts): every other spelling the runtime or Astro
// would also answer is named here with the canonical path it is redirected to.
import { expect, it } from 'vitest';
import { canonicalPath } from '../../functions/http/canonical-path.ts';

it.each([
  // Astro's file names
  ['/admin.html', '/admin'],
  ['/admin/index.html', '/admin'],
  ['/admin/bai-viet.html', '/admin/bai-viet'],
  ['/index.html', '/'],
  ['/tin-tu-co-so.html', '/tin-tu-co-so'],
  ['/tin-tu-co-so/index.html', '/tin-tu-co-so'],
  // escapes of plain letters, digits and - . _ ~
  ['/%61dmin', '/admin'],
  ['/%61dmin.html', '/admin'],
  ['/%74in-tu-co-so', '/tin-tu-co-so'],
  ['/tin-tu-co-so/feed%2Ejson', '/tin-tu-co-so/feed.json'],
  ['/tin-tu-co-so/%72ss.xml', '/tin-tu-co-so/rss.xml'],
  ['/bai-viet/a%2Db%5Fc%7E%30', '/bai-viet/a-b_c~0'],
  // dot segments an escape made, trailing and doubled slashes (never a "//host" Location)
  ['/x/%2E%2E/admin', '/admin'],
  ['/tin-tu-co-so/feed.json/', '/tin-tu-co-so/feed.json'],
  ['/chuyen-muc/tin-tuc//', '/chuyen-muc/tin-tuc'],
  ['//attacker.example/admin', '/attacker.example/admin'],
  ['///', '/'],
])('%s -> %s', (path, canonical) => {
  expect(canonicalPath(path)).toBe(canonical);
});

it.each([
  '/', '/admin', '/admin/bai-viet/12', '/bai-viet/dong-hy-don-xuan', '/feed.json', '/media/2026/11/anh.jpg', '/robots.txt',
  // escapes that mean something else than the character: kept (Vietnamese slugs never have them)
  '/tim-kiem/%C4%91', '/bai-viet/a%2Fb', '/bai-viet/a%20b', '/bai-viet/%25',
])('%s is canonical', (path) => {
  expect(canonicalPath(path)).toBeNull();
});
