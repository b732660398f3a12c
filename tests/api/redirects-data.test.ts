// The redirects data layer: oldPathOf's one spelling of an old URL (what the import stores and the lookup
// asks for must meet), and upsertRedirect's rule that an import never overwrites an editor's row.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { findRedirect, insertRedirect, oldPathOf, redirectByFrom, redirectQueryPrefixes, upsertRedirect } from '../../functions/data/redirects.ts';
import { FIRST_SITE_ID, unique } from '../support/api.ts';

const OLD = ['http://dongy.gov.vn', 'https://www.thainguyen.gov.vn'];

describe('oldPathOf', () => {
  it('takes a path or an absolute URL of the site to "/path?query"', () => {
    expect(oldPathOf('/tin-tuc/bai-1.html')).toBe('/tin-tuc/bai-1.html');
    expect(oldPathOf('http://dongy.gov.vn/tin-tuc/bai-1.html', OLD)).toBe('/tin-tuc/bai-1.html');
    // "www." aside, scheme and port aside, host case aside
    expect(oldPathOf('https://WWW.dongy.gov.vn:8080/a', OLD)).toBe('/a');
    expect(oldPathOf('http://thainguyen.gov.vn/b', OLD)).toBe('/b');
    expect(oldPathOf('//dongy.gov.vn/c', OLD)).toBe('/c');
    // no origins given: any http(s) host is the site's
    expect(oldPathOf('https://anywhere.example/x')).toBe('/x');
    expect(oldPathOf('http://dongy.gov.vn', OLD)).toBe('/');
  });

  it('refuses another host', () => {
    expect(oldPathOf('http://evil.example/tin-tuc', OLD)).toBeNull();
    expect(oldPathOf('http://dongy.gov.vn.evil.example/a', OLD)).toBeNull();
    expect(oldPathOf('//evil.example/a', OLD)).toBeNull();
  });

  it('normalizes Vietnamese percent-encoding in paths and URLs alike', () => {
    const want = '/tin-t%E1%BB%A9c/%C4%91%E1%BB%93ng-h%E1%BB%B7';
    expect(oldPathOf('/tin-tức/đồng-hỷ')).toBe(want);
    expect(oldPathOf('/tin-t%e1%bb%a9c/%c4%91%e1%bb%93ng-h%e1%bb%b7')).toBe(want);
    expect(oldPathOf('/tin-t%E1%BB%A9c/%C4%91%E1%BB%93ng-h%E1%BB%B7')).toBe(want);
    expect(oldPathOf('http://dongy.gov.vn/tin-tức/đồng-hỷ', OLD)).toBe(want);
    expect(oldPathOf('http://dongy.gov.vn/tin-t%e1%bb%a9c/%C4%91%E1%BB%93ng-h%e1%bb%b7', OLD)).toBe(want);
    // decomposed (NFD) letters are the same letters
    expect(oldPathOf('/tin-tức/đồng-hỷ'.normalize('NFD'))).toBe(want);
    // in the query too
    expect(oldPathOf('/tim-kiem?q=%e1%bb%a9ng+d%E1%BB%A5ng')).toBe('/tim-kiem?q=%E1%BB%A9ng+d%E1%BB%A5ng');
    expect(oldPathOf('/tim-kiem?q=ứng')).toBe('/tim-kiem?q=%E1%BB%A9ng');
    // an encoded unreserved letter is the letter; an encoded reserved character keeps its meaning
    expect(oldPathOf('/%61bc%2Fd%2fe')).toBe('/abc%2Fd%2Fe');
    // a space and a stray percent sign get one spelling
    expect(oldPathOf('/a b%20c%')).toBe('/a%20b%20c%25');
    // bytes that are not UTF-8 (an old Windows-1258 link) stay as they were, upper case
    expect(oldPathOf('/tin-t%fac')).toBe('/tin-t%FAc');
  });

  it('keeps a trailing slash and the query as given, drops the fragment', () => {
    expect(oldPathOf('/tin-tuc/')).toBe('/tin-tuc/');
    expect(oldPathOf('/tin-tuc')).toBe('/tin-tuc');
    expect(oldPathOf('/?p=12')).toBe('/?p=12');
    expect(oldPathOf('http://dongy.gov.vn/index.php?option=com_content&id=5#top', OLD)).toBe('/index.php?option=com_content&id=5');
    expect(oldPathOf('/bai-viet/x#binh-luan')).toBe('/bai-viet/x');
    expect(oldPathOf('/bai-viet/x?')).toBe('/bai-viet/x');
  });

  it('refuses junk', () => {
    for (const junk of ['', '   ', 'bai-viet/x', 'javascript:alert(1)', 'mailto:a@b.vn', 'ftp://dongy.gov.vn/a', 'http://', '/a\nb', '/a\u0000', `/${'a'.repeat(2000)}`]) {
      expect(oldPathOf(junk, OLD), JSON.stringify(junk)).toBeNull();
    }
  });
});

describe('upsertRedirect and findRedirect', () => {
  const db = database(env.DB);

  it('writes, then moves an imported row on a rerun, but never an editor\'s row', async () => {
    const from = `/${unique('cu')}.html`;
    await db.batch([upsertRedirect(db, FIRST_SITE_ID, from, '/bai-viet/a', 'import')]);
    await db.batch([upsertRedirect(db, FIRST_SITE_ID, from, '/bai-viet/b', 'import')]);
    expect((await redirectByFrom(db, FIRST_SITE_ID, from))).toMatchObject({ toPath: '/bai-viet/b', origin: 'import' });

    const edited = `/${unique('cu')}.html`;
    await db.batch([insertRedirect(db, FIRST_SITE_ID, edited, '/gioi-thieu', null, new Date())]);
    await db.batch([upsertRedirect(db, FIRST_SITE_ID, edited, '/bai-viet/c', 'import')]);
    expect((await redirectByFrom(db, FIRST_SITE_ID, edited))).toMatchObject({ toPath: '/gioi-thieu', origin: 'admin' });
  });

  it('finds the path and query first, then the path alone; another site finds nothing', async () => {
    const path = `/${unique('cu')}`;
    await db.batch([
      upsertRedirect(db, FIRST_SITE_ID, path, '/mot', 'import'),
      upsertRedirect(db, FIRST_SITE_ID, `${path}?id=5`, '/hai', 'import'),
    ]);
    expect((await findRedirect(db, FIRST_SITE_ID, `${path}?id=5`))?.toPath).toBe('/hai');
    expect((await findRedirect(db, FIRST_SITE_ID, `${path}?utm_source=fb`))?.toPath).toBe('/mot');
    expect((await findRedirect(db, FIRST_SITE_ID, path))?.toPath).toBe('/mot');
    expect(await findRedirect(db, FIRST_SITE_ID, `${path}x`)).toBeNull();
    expect(await findRedirect(db, 2, path)).toBeNull();
  });

  it('names the query keys its query-string redirects use', async () => {
    await db.batch([
      upsertRedirect(db, FIRST_SITE_ID, '/?p=12', '/bai-viet/p12', 'import'),
      upsertRedirect(db, FIRST_SITE_ID, '/?page_id=7&lang=vi', '/gioi-thieu', 'import'),
      upsertRedirect(db, FIRST_SITE_ID, '/index.php?option=com_content&id=5', '/bai-viet/j5', 'import'),
      upsertRedirect(db, FIRST_SITE_ID, '/?flag', '/co', 'import'),
    ]);
    const prefixes = await redirectQueryPrefixes(db, FIRST_SITE_ID);
    expect(prefixes).toEqual(expect.arrayContaining(['/?p', '/?page_id', '/index.php?option', '/?flag']));
    expect(await redirectQueryPrefixes(db, 2)).not.toContain('/?p');
  });
});
