// Fixtures of the cross-site probes (tests/api/cross-site.test.ts, tests/pages/cross-site.test.ts): five
// sites in one database (the first site at http://cms.test, a province, two of its communes A and B,
// an archived site), each with tokens of its own (stored as functions/data/tokens.ts stores them),
// content made through the API on its own host, and markers to find one site's content in another's.
import { env, exports } from 'cloudflare:workers';
import { database } from '../../functions/data/db.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { sha256Hex } from '../../functions/data/tokens.ts';

/** Lower-case letters and digits only, so it survives slugs and search folding unchanged. */
export const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
export const CATEGORY = 'tin-tuc-su-kien';
/** A word every site's articles carry: a search for it on one site must find only that site's. */
export const COMMON_WORD = `chungtu${U}`;
export const SHARED_SLUG = `trung-${U}`;
export const OFFSETS = { tinh: 5_000, a: 1_111, b: 2_222, luu: 3_333 } as const;

export type Key = 'one' | 'tinh' | 'a' | 'b' | 'luu';
export const KEYS: Key[] = ['one', 'tinh', 'a', 'b', 'luu'];

export interface Posted {
  id: number;
  slug: string;
  etag: string;
}

export interface SiteFixture {
  key: Key;
  id: number;
  host: string;
  origin: string;
  /** In every title, slug and body of this site's articles (drafts included). */
  marker: string;
  /** The portal's name as its pages and feeds show it. */
  name: string;
  /** Only in this site's draft. */
  draftMarker: string;
  token: string;
  readToken: string;
  published: Posted;
  draft: Posted;
  shared: Posted;
  /** A tag every site uses (same name, same slug on each). */
  sharedTag: string;
  /** A tag only this site uses, and a category only it has. */
  ownTag: string;
  ownCategory: string;
}

export type Sites = Record<Key, SiteFixture>;

/** One request through the Worker at an absolute URL; redirects are returned, not followed. */
export function at(url: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(url, { redirect: 'manual', ...init }));
}
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export function json(method: string, token: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json', ...bearer(token), ...headers }, body: JSON.stringify(body) };
}
/** The body with the headers, so links and names in headers count too. */
export async function textOf(res: Response): Promise<string> {
  return `${await res.text()}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
}

export function randomUrlToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A token of one site, stored as functions/data/tokens.ts stores them (only the SHA-256). */
export async function tokenOf(siteId: number, scopes: string): Promise<string> {
  const token = `bt_${randomUrlToken()}`;
  await env.DB.prepare('INSERT INTO api_tokens (site_id, name, token_hash, scopes) VALUES (?, ?, ?, ?)')
    .bind(siteId, `probe-${U}-${siteId}-${scopes.replace(' ', '-')}`, await sha256Hex(token), scopes).run();
  return token;
}

export async function create(s: Pick<SiteFixture, 'origin' | 'token'>, body: Record<string, unknown>): Promise<Posted & { tags: { slug: string }[] }> {
  const res = await at(`${s.origin}/api/v1/articles`, json('POST', s.token, { category: CATEGORY, ...body }));
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST on ${s.origin} -> ${res.status}: ${text.slice(0, 400)}`);
  const article = JSON.parse(text) as { id: number; slug: string; tags: { slug: string }[] };
  return { id: article.id, slug: article.slug, etag: res.headers.get('ETag')!, tags: article.tags };
}

/**
 * Every needle of another site (its marker, its host) and every draft marker found in a text.
 * `alsoAllowed`: sites whose published content the viewer may show (a province's communes on its roll-up).
 */
export function leaksIn(sites: Sites, text: string, viewer: SiteFixture, alsoAllowed: SiteFixture[] = []): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const o of Object.values(sites)) {
    if (lower.includes(o.draftMarker)) found.push(`draft of ${o.key}`);
    if (o === viewer || alsoAllowed.includes(o)) continue;
    for (const needle of [o.marker, o.host, o.name.toLowerCase()]) if (lower.includes(needle)) found.push(`${o.key}: ${needle}`);
  }
  return found;
}

export interface ArticleRow { id: number; site_id: number; slug: string; title: string; version: number; status: string; updated_at: number; deleted_at: number | null }
const ROW = 'SELECT id, site_id, slug, title, version, status, updated_at, deleted_at FROM articles';
export const rowOf = async (id: number) => (await env.DB.prepare(`${ROW} WHERE id = ?`).bind(id).first<ArticleRow>())!;
export const rowsWithSlug = async (slug: string) => (await env.DB.prepare(`${ROW} WHERE slug = ? ORDER BY site_id`).bind(slug).all<ArticleRow>()).results;

/** The five sites with their content, made through the API on each site's own host. */
export async function makeSites(): Promise<Sites> {
  const db = database(env.DB);
  // The first site serves http://cms.test (SITE_URL, no hostnames of its own): give it a category of
  // the same slug the other sites get by default.
  await env.DB.prepare("INSERT OR IGNORE INTO categories (site_id, slug, name, position) VALUES (1, ?, 'Tin tức - Sự kiện', 0)").bind(CATEGORY).run();
  const province = await createSite(db, { name: `Tỉnh thử ${U}`, hosts: [`tinh-${U}.test`], visitOffset: OFFSETS.tinh });
  const a = await createSite(db, { name: `Xã A ${U}`, hosts: [`xa-a-${U}.test`, `www.xa-a-${U}.test`], parentId: province.id, visitOffset: OFFSETS.a });
  const b = await createSite(db, { name: `Xã B ${U}`, hosts: [`xa-b-${U}.test`], parentId: province.id, visitOffset: OFFSETS.b });
  const archived = await createSite(db, { name: `Huyện lưu trữ ${U}`, hosts: [`luu-${U}.test`], visitOffset: OFFSETS.luu });
  const made: [Key, number, string, string][] = [
    ['one', 1, 'cms.test', env.SITE_NAME], ['tinh', province.id, province.hosts[0]!, province.name], ['a', a.id, a.hosts[0]!, a.name],
    ['b', b.id, b.hosts[0]!, b.name], ['luu', archived.id, archived.hosts[0]!, archived.name],
  ];
  const sites = {} as Sites;
  for (const [key, id, host, name] of made) {
    const origin = `http://${host}`;
    const token = await tokenOf(id, 'read write');
    const readToken = await tokenOf(id, 'read');
    const ownCategory = `rieng-${key}-${U}`;
    await env.DB.prepare('INSERT INTO categories (site_id, slug, name, position) VALUES (?, ?, ?, 9)').bind(id, ownCategory, `Riêng ${key} ${U}`).run();
    const marker = `mk${key}${U}`;
    const draftMarker = `nhap${key}${U}`;
    const base = { origin, token };
    const body = `Nội dung của ${marker}, từ khóa ${COMMON_WORD}.`;
    const published = await create(base, { title: `${marker} công khai`, body, status: 'published', tags: [`Chung ${U}`, `Riêng ${key} ${U}`] });
    await create(base, { title: `${marker} chuyên mục riêng`, body, status: 'published', category: ownCategory });
    const draft = await create(base, { title: `${marker} ${draftMarker} bản nháp`, body: `${body} ${draftMarker}`, status: 'draft', tags: [`Chung ${U}`] });
    const shared = await create(base, { title: `${marker} trùng slug`, slug: SHARED_SLUG, body, status: 'published', tags: [`Chung ${U}`] });
    const [sharedTag, ownTag] = published.tags.map((t) => t.slug) as [string, string];
    sites[key] = { key, id, host, origin, name, marker, draftMarker, token, readToken, published, draft, shared, sharedTag, ownTag, ownCategory };
  }
  await archiveSite(db, archived.id);
  return sites;
}

// ---- admin sessions (the built Worker's admin, served on the first site's host) ----

export const ADMIN = 'http://cms.test';
export const PAGE = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', Accept: 'text/html' };

export interface AdminSession {
  userId: number;
  email: string;
  idHash: string;
  cookie: string;
  csrf: string;
}

/** An account with the given roles and a live session working on `working` (rows as the data layer writes them). */
export async function sessionFor(roles: [siteId: number, role: 'admin' | 'editor' | 'contributor'][], working: number, platformAdmin = false): Promise<AdminSession> {
  const email = `probe-${randomUrlToken().slice(0, 10).toLowerCase().replace(/[^a-z0-9]/g, 'x')}@xa.example.vn`;
  const user = (await env.DB.prepare("INSERT INTO users (email, name, password_hash, platform_admin) VALUES (?, ?, 'pbkdf2-sha256$100000$AAAA$AAAA', ?) RETURNING id")
    .bind(email, `Người thử ${email}`, platformAdmin ? 1 : 0).first<{ id: number }>())!;
  for (const [siteId, role] of roles) await env.DB.prepare('INSERT INTO site_roles (user_id, site_id, role) VALUES (?, ?, ?)').bind(user.id, siteId, role).run();
  const sid = randomUrlToken();
  const csrf = randomUrlToken();
  const idHash = await sha256Hex(sid);
  const now = Date.now();
  await env.DB.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, site_id, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(idHash, user.id, csrf, working, now, now + 3_600_000).run();
  return { userId: user.id, email, idHash, cookie: `bt_session=${sid}`, csrf };
}

export const adminGet = (s: AdminSession, path: string, origin = ADMIN) => at(origin + path, { headers: { Cookie: s.cookie, ...PAGE } });

/** A form POST as the admin's own forms send it (CSRF field and header, same Origin). */
export function adminPost(s: AdminSession, path: string, fields: Record<string, string>): Promise<Response> {
  const body = new FormData();
  for (const [k, v] of Object.entries({ _csrf: s.csrf, ...fields })) body.set(k, v);
  return at(ADMIN + path, { method: 'POST', headers: { Cookie: s.cookie, Origin: ADMIN, 'X-CSRF-Token': s.csrf, ...PAGE }, body });
}
