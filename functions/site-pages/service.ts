// The one door for page writes (Giới thiệu, Cơ cấu tổ chức...): create, edit (publish, unpublish,
// schedule), delete to the trash, restore, restore a revision. Each commits one D1 batch with the site's
// change records through the articles' door (commitSiteChange), so a page write moves the site's content
// generation like an article's; an archived site refuses it. Scheduled pages go live with the cron's
// publishDue: the site's next scheduled instant counts pages too (data/content-changes.ts).
import { and, eq, sql } from 'drizzle-orm';
import { domainErrorOfD1, InvalidFields, NotFound, SlugTaken, VersionConflict } from '../articles/errors.ts';
import { assertWritable, commitSiteChange, type AlsoInBatch, type SiteRef, type Target } from '../articles/service.ts';
import { nfcText } from '../content/nfc.ts';
import { randomSuffix, withSuffix } from '../content/slug.ts';
import type { Actor } from '../data/articles-write.ts';
import { database } from '../data/db.ts';
import { readPageById, type SitePage } from '../data/pages-read.ts';
import { pageRestorePatch } from '../data/pages-revisions.ts';
import {
  freePageSlug, PAGE_CHANGED, pageSlugBase, planCreatePage, planDeletePage, planRestorePage, planUpdatePage,
  SLUG_EN_TAKEN, type PageContent, type PageInput, type PagePlan,
} from '../data/pages-write.ts';
import { pages } from '../../schema/tables.ts';
import { contentAuditAction } from '../audit/actions.ts';
import { auditActor, recordAudit } from '../audit/log.ts';
import { kickIfWrote } from '../webhooks/kick.ts';
import { outboxOfWrite } from '../webhooks/outbox.ts';

export type { PageInput, SitePage };

/** Pages' D1 constraint failures as domain errors (recognised by SQLite's table.column names). */
export function pageErrorOfD1(error: unknown): never {
  const message = String((error as Error)?.message ?? error);
  // The guarded update matched no row: the version moved on.
  if (/constraint failed: .*page_revisions\.version/.test(message)) throw new VersionConflict(PAGE_CHANGED);
  if (/UNIQUE constraint failed: pages\.site_id, pages\.slug_en/.test(message)) throw new InvalidFields([{ field: 'slugEn', message: SLUG_EN_TAKEN }]);
  if (/UNIQUE constraint failed: pages\.site_id, pages\.slug\b/.test(message)) throw new SlugTaken(null, 'That slug was taken meanwhile. Choose another one.');
  return domainErrorOfD1(error);
}

/** Commits a plan and reads the page back as editors see it (a write's answer). */
async function commit(env: Target, site: SiteRef, now: Date, plan: PagePlan, also: AlsoInBatch = () => []): Promise<SitePage> {
  const db = database(env.DB);
  const idRead = db.select({ id: pages.id }).from(pages).where(and(eq(pages.siteId, site.id), sql`${pages.id} = ${plan.pageId}`));
  const head = [...plan.statements, ...also(plan.pageId)] as const;
  const outbox = outboxOfWrite(db, site, 'page', plan.pageId, plan.transition, now);
  const results = await commitSiteChange(env, site, now, [...head, ...outbox.statements, idRead], pageErrorOfD1);
  await kickIfWrote(env, site.id, outbox.wrote(results, head.length));
  const [row] = results.at(-1) as { id: number }[];
  const page = row ? await readPageById(db, site.id, row.id, now, { withDeleted: true }) : null;
  if (!page) throw new NotFound('The page was not found after the write.');
  return page;
}

/**
 * The audit entry of a publication, unpublication, deletion or restore (EDITORIAL), recorded once the
 * write has committed, from the state before and after (the plans here name no step).
 */
async function audited(env: Target, site: SiteRef, before: SitePage['state'] | null, page: SitePage, actor: Actor, now: Date, step?: 'deleted' | 'restored'): Promise<SitePage> {
  const after = page.state;
  const moved = step ?? (before === after ? null : after === 'published' || after === 'scheduled' ? 'published' : before === 'published' || before === 'scheduled' ? 'unpublished' : null);
  const action = moved ? contentAuditAction('page', moved) : null;
  if (action) await recordAudit(database(env.DB), { siteId: site.id, ...auditActor(actor), action, subject: `page:${page.id}`, detail: { title: page.title }, at: now });
  return page;
}

const CREATE_ATTEMPTS = 5;

/** `also`: more statements for the page's own batch, given its id (the subquery of the new row's): an import's source row. */
export async function createPage(env: Target, site: SiteRef, given: PageInput, actor: Actor, now: Date, also?: AlsoInBatch): Promise<SitePage> {
  assertWritable(site);
  const input = nfcText(given); // stored NFC whatever the caller (admin, API, import) sent
  const db = database(env.DB);
  if (input.slug) return audited(env, site, null, await commit(env, site, now, await planCreatePage(db, site.id, input, actor, now, input.slug), also), actor, now);
  // A derived slug the editor never chose: a lost race for it retries with a random suffix.
  const base = pageSlugBase(input.title);
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? await freePageSlug(db, site.id, base) : withSuffix(base, randomSuffix());
    try {
      return await audited(env, site, null, await commit(env, site, now, await planCreatePage(db, site.id, input, actor, now, slug), also), actor, now);
    } catch (error) {
      if (!(error instanceof SlugTaken) || attempt === CREATE_ATTEMPTS) throw error;
    }
  }
}

/** An import outside the Worker (the demo seed): recorded as a change; the generation moves at the next cron run. */
export const importPage = (DB: D1Database, siteId: number, input: PageInput, actor: Actor, at: Date): Promise<SitePage> =>
  createPage({ DB, offline: true }, { id: siteId, status: 'active' }, input, actor, at);

/** An edit of `current` as the caller read it (VersionConflict if it changed meanwhile). */
export async function updatePage(env: Env, site: SiteRef, current: SitePage, patch: Partial<PageInput>, actor: Actor, now: Date): Promise<SitePage> {
  assertWritable(site);
  return audited(env, site, current.state, await commit(env, site, now, await planUpdatePage(database(env.DB), site.id, current, nfcText(patch), actor, now)), actor, now);
}

/** To the trash (30 days); the answer is the page as it now lies there. */
export async function deletePage(env: Env, site: SiteRef, current: SitePage, actor: Actor, now: Date): Promise<SitePage> {
  assertWritable(site);
  return audited(env, site, current.state, await commit(env, site, now, planDeletePage(database(env.DB), site.id, current, actor, now)), actor, now, 'deleted');
}

export async function restorePage(env: Env, site: SiteRef, id: number, expectedVersion: number, actor: Actor, now: Date): Promise<SitePage> {
  assertWritable(site);
  return audited(env, site, null, await commit(env, site, now, await planRestorePage(database(env.DB), site.id, id, expectedVersion, actor, now)), actor, now, 'restored');
}

/** A revision's content back (both languages), as a new revision recorded "restored"; null when nothing differs. */
export async function restorePageRevision(env: Env, site: SiteRef, current: SitePage, content: PageContent | null, actor: Actor, now: Date): Promise<SitePage | null> {
  if (!content) return null;
  const patch = pageRestorePatch(current, content);
  if (Object.keys(patch).length === 0) return null;
  assertWritable(site);
  return commit(env, site, now, await planUpdatePage(database(env.DB), site.id, current, patch, actor, now, 'restored'));
}
