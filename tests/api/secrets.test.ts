// One secret per purpose: rotating the readers' salt (STATS_SALT), the preview links' key
// (PREVIEW_SECRET) or the sign-in limiter's salt (LOGIN_LIMITER_SALT) changes what it serves and
// nothing else. Each rotation is the real Env with one value changed (envWith), through the real code.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { limiterKeys } from '../../functions/auth/sign-in-limits.ts';
import { database } from '../../functions/data/db.ts';
import { createUser, readUser } from '../../functions/data/users.ts';
import { loadEditor } from '../../site/admin/article-editor.ts';
import { attemptLogin, type LoginOutcome } from '../../site/admin/login.ts';
import { loadPreview } from '../../site/admin/preview-page.ts';
import { freshCategory, postArticle, unique, writeToken, firstSite } from '../support/api.ts';
import { envWith } from '../support/stats.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const db = database(env.DB);
const PASSWORD = 'mat-khau-bi-mat-rieng';
const rotated = (name: 'STATS_SALT' | 'PREVIEW_SECRET' | 'LOGIN_LIMITER_SALT') => envWith({ [name]: `${env[name]}-moi` });

describe('preview links', () => {
  it('stay valid when STATS_SALT or LOGIN_LIMITER_SALT rotates, and end when PREVIEW_SECRET does', async () => {
    const now = new Date();
    const { article } = await postArticle(await writeToken(), { title: 'Bản nháp xem trước', body: 'Nội dung.', category: await freshCategory() });
    const admin = (await readUser(db, await createUser(db, { email: `${unique('xem')}@dongy.gov.vn`, name: 'Quản trị', role: 'admin', password: PASSWORD })))!;
    const url = (await loadEditor(env, db, SITE, admin, article.id, now))!.previewUrl!;
    expect(url).toMatch(/^http:\/\/cms\.test\/xem-truoc\//);
    const token = url.slice('http://cms.test/xem-truoc/'.length);

    expect((await loadPreview(env, db, SITE.id, token, now))?.article.id).toBe(article.id);
    expect((await loadPreview(rotated('STATS_SALT'), db, SITE.id, token, now))?.article.id).toBe(article.id);
    expect((await loadPreview(rotated('LOGIN_LIMITER_SALT'), db, SITE.id, token, now))?.article.id).toBe(article.id);
    expect(await loadPreview(rotated('PREVIEW_SECRET'), db, SITE.id, token, now)).toBeNull();
    // The link the editor makes is signed with PREVIEW_SECRET alone.
    const other = (await loadEditor(rotated('STATS_SALT'), db, SITE, admin, article.id, now))!.previewUrl;
    expect(other).toBe(url);
  });
});

describe('sign-in limiter keys', () => {
  it('do not change when STATS_SALT or PREVIEW_SECRET rotates, and do when LOGIN_LIMITER_SALT does', async () => {
    const keys = await limiterKeys(env, 'an@dongy.gov.vn', '203.0.113.9');
    expect(await limiterKeys(rotated('STATS_SALT'), 'an@dongy.gov.vn', '203.0.113.9')).toEqual(keys);
    expect(await limiterKeys(rotated('PREVIEW_SECRET'), 'an@dongy.gov.vn', '203.0.113.9')).toEqual(keys);
    const fresh = await limiterKeys(rotated('LOGIN_LIMITER_SALT'), 'an@dongy.gov.vn', '203.0.113.9');
    expect(fresh.account).not.toBe(keys.account);
    expect(fresh.client).not.toBe(keys.client);
  });

  it('rotating LOGIN_LIMITER_SALT keeps device cookies: the rightful browser still has its own budget', async () => {
    const email = `${unique('thiet-bi')}@dongy.gov.vn`;
    await createUser(db, { email, name: 'Người có thiết bị', role: 'editor', password: PASSWORD });
    const signIn = (e: Env, password: string, address: string, device?: string): Promise<LoginOutcome> => {
      const form = new FormData();
      form.set('email', email);
      form.set('password', password);
      const headers: Record<string, string> = { 'CF-Connecting-IP': address };
      if (device) headers.Cookie = `bt_device=${device}`;
      return attemptLogin(e, db, new Request('http://cms.test/admin/login', { method: 'POST', headers }), form, new Date());
    };
    const first = await signIn(env, PASSWORD, '198.51.100.1');
    if (first.kind !== 'signed-in' || !first.deviceCookie) throw new Error(`expected a device cookie, got ${JSON.stringify(first)}`);
    const device = /^bt_device=([^;]+);/.exec(first.deviceCookie)![1]!;

    // After the rotation, strangers spend the account's shared budget (now under its new key)...
    const after = rotated('LOGIN_LIMITER_SALT');
    for (let i = 0; i < 5; i++) await signIn(after, `sai-${i}`, `198.51.100.${10 + i}`);
    expect(await signIn(after, PASSWORD, '198.51.100.20')).toMatchObject({ kind: 'refused', status: 429 });
    // ...and the browser that signed in before the rotation is still known: it signs in.
    expect((await signIn(after, PASSWORD, '198.51.100.1', device)).kind).toBe('signed-in');
  });
});
