// The sites this deployment serves and their hostnames: list, read, create (with its default categories
// and its change record), edit, hostnames, archive. Refusals are domain errors (SiteInvalid, NotFound);
// after any change the caller calls reloadRegistry (functions/sites/registry.ts) so this isolate serves it.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { categories, contentChanges, siteHosts, sites, type SiteStatus } from '../../schema/tables.ts';
import { InvalidFields, NotFound } from '../articles/errors.ts';
import { isMediaKey } from '../media/serve.ts';
import type { SiteRecord } from '../sites/registry.ts';
import type { Db } from './db.ts';
import { defaultDocumentTerms } from './document-term-defaults.ts';

/** A site as stored: the registry's record (functions/sites/registry.ts) without the derived children, with its times. */
export type SiteDetails = Omit<SiteRecord, 'childIds'> & { createdAt: Date; updatedAt: Date };

export interface SiteInput {
  name: string;
  subtitle?: string | undefined;
  /** At least one; the first is canonical. */
  hosts: string[];
  parentId?: number | null | undefined;
  visitOffset?: number | null | undefined;
  logoKey?: string | null | undefined;
  primaryColor?: string | null | undefined;
}

/** What updateSite may change (hostnames: setHosts; status: archiveSite / unarchiveSite). */
export type SitePatch = Partial<Omit<SiteInput, 'hosts'>>;

/** Why a site change was refused; the admin maps each to its Vietnamese message, the CLI prints the English one. */
export type SiteProblemReason =
  | 'name-required' | 'name-too-long' | 'subtitle-too-long'
  | 'hosts-required' | 'too-many-hosts' | 'host-invalid' | 'host-duplicate' | 'host-taken'
  | 'parent-unknown' | 'parent-archived' | 'parent-has-parent' | 'parent-self' | 'has-children'
  | 'visit-offset-invalid' | 'logo-invalid' | 'color-invalid';

export interface SiteProblem {
  field: 'name' | 'subtitle' | 'hosts' | 'parentId' | 'visitOffset' | 'logoKey' | 'primaryColor';
  reason: SiteProblemReason;
  message: string;
  /** The hostname a host-* problem is about. */
  host?: string;
}

/** A site change the rules refuse: InvalidFields (422 through the API), with a reason per field. */
export class SiteInvalid extends InvalidFields {
  readonly problems: SiteProblem[];
  constructor(problems: SiteProblem[]) {
    super(problems.map(({ field, message }) => ({ field, message })));
    this.problems = problems;
  }
}

export const SITE_NAME_MAX = 200;
export const SITE_SUBTITLE_MAX = 300;
/** Hostnames of one site: its address, www., a former domain or two; far below D1's 100 bound parameters. */
export const SITE_HOSTS_MAX = 20;
/** RFC 1035 limits: 253 characters in all, 63 per label. */
const HOST_MAX = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const COLOR = /^#[0-9a-f]{6}$/;

/**
 * The categories a new site starts with: a commune's or a province's usual menu (the names the Đồng Hỷ
 * portal used where they fit). Admins rename and add to them in the admin.
 */
export const DEFAULT_CATEGORIES = [
  { slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện', description: 'Tin hoạt động của lãnh đạo địa phương, các hội nghị và sự kiện nổi bật trên địa bàn.' },
  { slug: 'thong-bao', name: 'Thông báo', description: 'Thông báo của chính quyền địa phương tới người dân, tổ chức và doanh nghiệp.' },
  { slug: 'chi-dao-dieu-hanh', name: 'Chỉ đạo - Điều hành', description: 'Ý kiến chỉ đạo, điều hành của lãnh đạo chính quyền địa phương.' },
  { slug: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính', description: 'Cải cách thủ tục hành chính, dịch vụ công trực tuyến và chuyển đổi số.' },
  // Not "Văn bản": official documents have a registry of their own (/van-ban), in the menu beside these.
  { slug: 'van-hoa-xa-hoi', name: 'Văn hóa - Xã hội', description: 'Văn hóa, giáo dục, y tế và an sinh xã hội trên địa bàn.' },
] as const;

/**
 * A hostname as stored: lower case, no scheme, port, path or trailing dot, at least two labels of
 * letters, digits and inner hyphens, and not an IP address. Returns the problem instead of throwing,
 * so every bad host of a list is reported at once.
 */
export function normalizeHost(input: string): { host: string } | { problem: string } {
  const host = input.trim().toLowerCase();
  if (!host) return { problem: 'A hostname cannot be empty.' };
  if (host.includes('://') || host.includes('/')) return { problem: `"${input}": give the hostname only, without scheme or path (e.g. xa-a.thainguyen.gov.vn).` };
  if (/:\d*$/.test(host)) return { problem: `"${input}": a hostname has no port (the port is the server's, not the site's).` };
  if (host.length > HOST_MAX) return { problem: `"${input}": a hostname has at most ${HOST_MAX} characters.` };
  const labels = host.split('.');
  if (labels.length < 2) return { problem: `"${input}": use a full hostname with a dot (e.g. xa-a.thainguyen.gov.vn or xa-a.localhost).` };
  if (!labels.every((l) => LABEL.test(l))) {
    return { problem: `"${input}": use only lower-case letters a-z, digits, hyphens and dots (a label neither starts nor ends with a hyphen; Vietnamese names in punycode, xn--...).` };
  }
  if (/^\d+$/.test(labels.at(-1)!)) return { problem: `"${input}": an IP address is not a site's hostname.` };
  return { host };
}

const siteColumns = {
  id: sites.id, name: sites.name, subtitle: sites.subtitle, parentId: sites.parentId, status: sites.status,
  visitOffset: sites.visitOffset, logoKey: sites.logoKey, primaryColor: sites.primaryColor,
  createdAt: sites.createdAt, updatedAt: sites.updatedAt,
};

async function withHosts(db: Db, rows: Omit<SiteDetails, 'hosts'>[]): Promise<SiteDetails[]> {
  if (rows.length === 0) return [];
  // One site: its own rows. Several (the list): every row, one pass; never an IN list, which past 100
  // sites would exceed D1's 100 bound parameters per statement.
  const query = db.select().from(siteHosts);
  const hosts = await (rows.length === 1 ? query.where(eq(siteHosts.siteId, rows[0]!.id)) : query)
    .orderBy(asc(siteHosts.siteId), asc(siteHosts.position));
  const bySite = new Map<number, string[]>();
  for (const h of hosts) bySite.set(h.siteId, [...(bySite.get(h.siteId) ?? []), h.host]);
  return rows.map((r) => ({ ...r, hosts: bySite.get(r.id) ?? [] }));
}

/** Every site in id order (the first is the platform's), with its hostnames. */
export async function listSites(db: Db): Promise<SiteDetails[]> {
  return withHosts(db, await db.select(siteColumns).from(sites).orderBy(asc(sites.id)));
}

export async function getSite(db: Db, id: number): Promise<SiteDetails | null> {
  const [row] = await db.select(siteColumns).from(sites).where(eq(sites.id, id));
  return row ? (await withHosts(db, [row]))[0]! : null;
}

/** The site a hostname belongs to (any position), or null. */
export async function siteIdOfHost(db: Db, host: string): Promise<number | null> {
  const [row] = await db.select({ siteId: siteHosts.siteId }).from(siteHosts).where(eq(siteHosts.host, host.trim().toLowerCase()));
  return row?.siteId ?? null;
}

/** Optional text fields: trimmed, and empty means none. */
const clean = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : v.trim() || null);

/** The fields both create and edit check, each problem with its field. */
async function fieldProblems(db: Db, input: SitePatch, self: { id: number; hasChildren: boolean; first: boolean } | null): Promise<SiteProblem[]> {
  const problems: SiteProblem[] = [];
  if (input.name !== undefined) {
    const name = input.name.trim();
    // The first site may keep '' (it then shows SITE_NAME, as a one-site deployment did).
    if (!name && !self?.first) problems.push({ field: 'name', reason: 'name-required', message: 'A site needs a name, e.g. "Cổng thông tin điện tử xã Đại Phúc".' });
    if (name.length > SITE_NAME_MAX) problems.push({ field: 'name', reason: 'name-too-long', message: `A site's name has at most ${SITE_NAME_MAX} characters.` });
  }
  if (input.subtitle !== undefined && input.subtitle.trim().length > SITE_SUBTITLE_MAX) {
    problems.push({ field: 'subtitle', reason: 'subtitle-too-long', message: `The subtitle has at most ${SITE_SUBTITLE_MAX} characters.` });
  }
  if (input.visitOffset !== undefined && input.visitOffset !== null && !(Number.isSafeInteger(input.visitOffset) && input.visitOffset >= 0)) {
    problems.push({ field: 'visitOffset', reason: 'visit-offset-invalid', message: 'The starting visit total is a whole number, 0 or more.' });
  }
  const logoKey = clean(input.logoKey);
  if (logoKey && !isMediaKey(logoKey)) {
    problems.push({ field: 'logoKey', reason: 'logo-invalid', message: 'The logo is the key of an uploaded image, e.g. "2026/07/logo.png".' });
  }
  const color = clean(input.primaryColor);
  if (color && !COLOR.test(color.toLowerCase())) {
    problems.push({ field: 'primaryColor', reason: 'color-invalid', message: 'The primary colour is "#rrggbb", e.g. "#8e1a1a".' });
  }
  if (input.parentId !== undefined && input.parentId !== null) problems.push(...(await parentProblems(db, input.parentId, self)));
  return problems;
}

/** Two tiers only: a parent is an existing, active, top-level site, and a site with communes has no parent. */
async function parentProblems(db: Db, parentId: number, self: { id: number; hasChildren: boolean } | null): Promise<SiteProblem[]> {
  const field = 'parentId';
  if (self && parentId === self.id) return [{ field, reason: 'parent-self', message: 'A site cannot be its own parent.' }];
  const [parent] = await db.select({ parentId: sites.parentId, status: sites.status }).from(sites).where(eq(sites.id, parentId));
  if (!parent) return [{ field, reason: 'parent-unknown', message: `No site has the id ${parentId}.` }];
  const problems: SiteProblem[] = [];
  if (parent.parentId !== null) problems.push({ field, reason: 'parent-has-parent', message: 'The parent must be a top-level site (a province): sites have two tiers, province and commune.' });
  if (parent.status !== 'active') problems.push({ field, reason: 'parent-archived', message: 'The parent site is archived.' });
  if (self?.hasChildren) problems.push({ field, reason: 'has-children', message: 'This site has communes of its own, so it cannot be a commune of another site.' });
  return problems;
}

/**
 * The hostnames the first site is served on by configuration (SITE_URL's, SITE_HOSTS', ports dropped):
 * no other site may take one. A registry hostname is looked up before SITE_URL, so a site given the
 * first site's address would take it over, the admin with it. Callers pass these to createSite/setHosts.
 */
export function reservedHosts(env: Partial<Pick<Env, 'SITE_URL' | 'SITE_HOSTS'>>): string[] {
  const hosts = (env.SITE_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean)
    .map((h) => URL.parse(`http://${h}`)?.hostname ?? h.toLowerCase());
  const url = env.SITE_URL ? URL.parse(env.SITE_URL) : null;
  return [...new Set([...(url ? [url.hostname] : []), ...hosts])];
}

/** Where createSite and setHosts are called from: the hostnames reserved for the first site (reservedHosts). */
export interface HostOptions {
  reserved?: readonly string[];
}

/** Hostnames normalized, each checked, none repeated, none another site's (nor, but for the first site, reserved for it). */
async function hostProblems(
  db: Db, input: string[], siteId: number | null, self: { first: boolean } | null, reserved: readonly string[] = [],
): Promise<{ hosts: string[]; problems: SiteProblem[] }> {
  const allowEmpty = Boolean(self?.first);
  const hosts: string[] = [];
  const problems: SiteProblem[] = [];
  if (input.length > SITE_HOSTS_MAX) {
    // Checked before anything else: the lookup below binds one parameter per hostname (D1: 100 at most).
    return { hosts, problems: [{ field: 'hosts', reason: 'too-many-hosts', message: `A site has at most ${SITE_HOSTS_MAX} hostnames.` }] };
  }
  for (const raw of input) {
    const result = normalizeHost(raw);
    if ('problem' in result) problems.push({ field: 'hosts', reason: 'host-invalid', message: result.problem, host: raw });
    else if (hosts.includes(result.host)) problems.push({ field: 'hosts', reason: 'host-duplicate', message: `"${result.host}" is listed twice.`, host: result.host });
    else hosts.push(result.host);
  }
  if (input.length === 0 && !allowEmpty) {
    problems.push({ field: 'hosts', reason: 'hosts-required', message: 'A site needs at least one hostname, e.g. xa-a.thainguyen.gov.vn.' });
  }
  if (!self?.first) {
    for (const host of hosts.filter((h) => reserved.includes(h))) {
      problems.push({ field: 'hosts', reason: 'host-taken', message: `"${host}" is the first site's address (SITE_URL / SITE_HOSTS).`, host });
    }
  }
  if (hosts.length) {
    const owners = await db.select().from(siteHosts).where(inArray(siteHosts.host, hosts));
    for (const o of owners) {
      if (o.siteId !== siteId) problems.push({ field: 'hosts', reason: 'host-taken', message: `"${o.host}" already belongs to site ${o.siteId}.`, host: o.host });
    }
  }
  return { hosts, problems };
}

/** A hostname taken between our check and the batch: D1 reports it only as the constraint's text. */
function hostRace(error: unknown): never {
  const message = String((error as Error)?.message ?? error) + String(((error as Error)?.cause as Error | undefined)?.message ?? '');
  if (/UNIQUE constraint failed: site_hosts\.host/.test(message)) {
    throw new SiteInvalid([{ field: 'hosts', reason: 'host-taken', message: 'A hostname was given to another site meanwhile.' }]);
  }
  throw error;
}

/**
 * Creates a site with its hostnames, its default categories and its change record, in one D1 batch:
 * either the whole site exists afterwards or none of it. Returns the new site.
 */
export async function createSite(db: Db, input: SiteInput, options: HostOptions = {}): Promise<SiteDetails> {
  const [fields, hosted] = await Promise.all([fieldProblems(db, input, null), hostProblems(db, input.hosts, null, null, options.reserved)]);
  const problems = [...fields, ...hosted.problems];
  if (problems.length) throw new SiteInvalid(problems);
  const [canonical, ...others] = hosted.hosts as [string, ...string[]];
  // The new id exists only inside the batch: the first hostname row takes it from the site's insert,
  // and every later statement finds it through that (unique) hostname.
  const newId = sql`(select ${siteHosts.siteId} from ${siteHosts} where ${siteHosts.host} = ${canonical})`;
  const statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    db.insert(sites).values({
      name: input.name.trim(),
      subtitle: input.subtitle?.trim() ?? '',
      parentId: input.parentId ?? null,
      visitOffset: input.visitOffset ?? 0,
      logoKey: clean(input.logoKey) ?? null,
      primaryColor: clean(input.primaryColor)?.toLowerCase() ?? null,
    }),
    db.insert(siteHosts).values({ host: canonical, siteId: sql`last_insert_rowid()`, position: 0 }),
    ...others.map((host, i) => db.insert(siteHosts).values({ host, siteId: newId, position: i + 1 })),
    ...DEFAULT_CATEGORIES.map((c, i) => db.insert(categories).values({ ...c, siteId: newId, position: i + 1 })),
    // The documents registry's lists (loại, cơ quan, lĩnh vực), so its first document can be entered at once.
    defaultDocumentTerms(db, newId),
    // Its own generation record from the start: the site's first write moves only this site's pages.
    db.insert(contentChanges).values({ id: newId, seq: 0, rollupSeq: 0, nextScheduledAt: null }),
  ];
  try {
    await db.batch(statements);
  } catch (error) {
    hostRace(error);
  }
  const id = await siteIdOfHost(db, canonical);
  return (await getSite(db, id!))!;
}

async function selfOf(db: Db, id: number): Promise<{ id: number; first: boolean; hasChildren: boolean }> {
  const [self, children] = await db.batch([
    db.select({ first: sql<number>`${sites.id} = (select min(id) from ${sites})` }).from(sites).where(eq(sites.id, id)),
    db.select({ id: sites.id }).from(sites).where(eq(sites.parentId, id)).limit(1),
  ]);
  if (!self[0]) throw new NotFound(`No site has the id ${id}.`);
  return { id, first: Boolean(self[0].first), hasChildren: children.length > 0 };
}

/** Changes a site's name, subtitle, parent, starting visit total, logo or colour (absent fields stay). */
export async function updateSite(db: Db, id: number, patch: SitePatch, now = new Date()): Promise<SiteDetails> {
  const self = await selfOf(db, id);
  const problems = await fieldProblems(db, patch, self);
  if (problems.length) throw new SiteInvalid(problems);
  const set: Partial<typeof sites.$inferInsert> = { updatedAt: now };
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.subtitle !== undefined) set.subtitle = patch.subtitle.trim();
  if (patch.parentId !== undefined) set.parentId = patch.parentId;
  if (patch.visitOffset !== undefined) set.visitOffset = patch.visitOffset;
  if (patch.logoKey !== undefined) set.logoKey = clean(patch.logoKey) ?? null;
  if (patch.primaryColor !== undefined) set.primaryColor = clean(patch.primaryColor)?.toLowerCase() ?? null;
  await db.update(sites).set(set).where(eq(sites.id, id));
  return (await getSite(db, id))!;
}

/**
 * Replaces a site's hostnames (the first becomes canonical; the others answer 301 to it). Only the
 * first site may have none: it is then served on SITE_URL / SITE_HOSTS, as a one-site deployment is.
 */
export async function setHosts(db: Db, id: number, input: string[], options: HostOptions = {}): Promise<SiteDetails> {
  const self = await selfOf(db, id);
  const { hosts, problems } = await hostProblems(db, input, id, self, options.reserved);
  if (problems.length) throw new SiteInvalid(problems);
  try {
    await db.batch([
      db.delete(siteHosts).where(eq(siteHosts.siteId, id)),
      ...hosts.map((host, position) => db.insert(siteHosts).values({ host, siteId: id, position })),
    ]);
  } catch (error) {
    hostRace(error);
  }
  return (await getSite(db, id))!;
}

async function setStatus(db: Db, id: number, status: SiteStatus, now: Date): Promise<SiteDetails> {
  await selfOf(db, id);
  await db.update(sites).set({ status, updatedAt: now }).where(eq(sites.id, id));
  return (await getSite(db, id))!;
}

/** Read-only from now on: pages carry the "Trang lưu trữ" notice and only admins may sign in to it. */
export const archiveSite = (db: Db, id: number, now = new Date()) => setStatus(db, id, 'archived', now);
export const unarchiveSite = (db: Db, id: number, now = new Date()) => setStatus(db, id, 'active', now);

/** Active top-level sites: the parents a new commune may be given (admin select lists). */
export async function listParentCandidates(db: Db): Promise<{ id: number; name: string }[]> {
  return db.select({ id: sites.id, name: sites.name }).from(sites)
    .where(and(isNull(sites.parentId), eq(sites.status, 'active'))).orderBy(asc(sites.id));
}
