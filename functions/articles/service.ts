// The one door for content changes: create, edit (publish, unpublish, schedule), delete, restore from
// the trash, restore a revision, and the cron's publications. Each is for one site and commits one D1
// batch (the content, its revision with the action, the search index, its webhook deliveries, the site's
// change record, its province's roll-up record, and a read-back of the article), then moves that site's
// content generation and its province's roll-up, and kicks its webhook dispatcher when deliveries were
// written; callers get the committed article and never query again. An archived site
// refuses every write (SiteArchived). API handlers, the admin and the cron all write through here;
// nothing else moves a generation.
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQL } from 'drizzle-orm';
import { contentAuditAction } from '../audit/actions.ts';
import { auditActor, auditStatement, subjectOf } from '../audit/log.ts';
import { nfcText } from '../content/nfc.ts';
import { randomSuffix, withSuffix } from '../content/slug.ts';
import { articleReads, editorArticleOf, type EditorArticle } from '../data/admin-articles.ts';
import type { Article } from '../data/article-types.ts';
import {
  assertSlugFree, freeSlug, planCreate, planDelete, planReturn, planUpdate, rendered, slugBase,
  type Actor, type ArticleInput, type WritePlan,
} from '../data/articles-write.ts';
import { dueChanges, recordChange, recordRollup, rollupOf, type ContentChange } from '../data/content-changes.ts';
import { database, type Db } from '../data/db.ts';
import { restorePatch, type RevisionWithSnapshot } from '../data/revisions.ts';
import { planRestore } from '../data/trash.ts';
import { planFeature } from '../data/rollup.ts';
import type { SiteRecord } from '../sites/registry.ts';
import { kickIfWrote } from '../webhooks/kick.ts';
import { outboxOfWrite } from '../webhooks/outbox.ts';
import { domainErrorOfD1, invalidField, SiteArchived, SlugTaken } from './errors.ts';
import { catchUpReplicas, moveGeneration } from './generation-move.ts';

export type { Actor, ArticleInput, EditorArticle };

/**
 * The site a write is for: its id, and its status as the registry holds it, so an archived site is
 * refused before any work. The registry may be up to a second behind; the batch checks again (the
 * change record refuses an archived site), so a write never lands on a site archived just before.
 */
export type SiteRef = Pick<SiteRecord, 'id' | 'status'> & {
  /**
   * Its canonical origin (a resolved Site has it): webhook payloads link there. Without it (the offline demo
   * loaders, and tests that need no webhooks) an item's write announces nothing (functions/webhooks/outbox.ts).
   */
  origin?: string;
};

export function assertWritable(site: SiteRef): void {
  if (site.status === 'archived') throw new SiteArchived();
}

/** More statements for the same transaction, given the article's id (or the subquery of a new one). */
export type AlsoInBatch = (articleId: number | SQL) => BatchItem<'sqlite'>[];

/**
 * Where a write runs: in the Worker (it moves the generation at once) or an offline import (only D1; the
 * import API passes `deliveriesWritten` to kick the site's webhook dispatcher once for the whole request).
 */
export type Target = Env | { DB: D1Database; offline: true; deliveriesWritten?: () => void };

/** The change records of a write on the site, for the end of its batch: its own, and its province's roll-up. */
function records(db: Db, siteId: number, now: Date, activeOnly: boolean) {
  return [recordChange(db, siteId, now, { activeOnly }), ...recordRollup(db, siteId, now)] as const;
}

type Records = ReturnType<typeof records>;

/** The changes the last three results of a batch that ended with records() committed. */
function committedChanges(results: unknown[]) {
  const [change] = results.at(-3) as Awaited<Records[0]>;
  const rollup = rollupOf(results.at(-2) as Awaited<Records[1]>, results.at(-1) as Awaited<Records[2]>);
  return { change: change as ContentChange, rollup };
}

/** The audit entry of a write that publishes, unpublishes, deletes, restores, submits or returns (none for a plain edit). */
function auditOf(db: Db, siteId: number, plan: WritePlan, now: Date): BatchItem<'sqlite'>[] {
  const action = contentAuditAction('article', plan.step);
  if (!action) return [];
  return [auditStatement(db, {
    siteId, ...auditActor(plan.actor), action, subject: subjectOf('article', plan.articleId), detail: { title: plan.title }, at: now,
  })];
}

async function commit(env: Target, site: SiteRef, now: Date, plan: WritePlan, also: AlsoInBatch = () => []): Promise<EditorArticle> {
  assertWritable(site);
  const db = database(env.DB);
  const [articleRead, tagsRead] = articleReads(db, plan.articleId);
  const head: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [...plan.statements, ...auditOf(db, site.id, plan, now), ...also(plan.articleId)];
  const outbox = outboxOfWrite(db, site, 'article', plan.articleId, plan.transition, now);
  // The change records go last so they see the whole write (the next scheduled instants included).
  const results = (await db.batch([...head, ...outbox.statements, articleRead, tagsRead, ...records(db, site.id, now, true)])
    .catch(domainErrorOfD1)) as unknown[];
  const [row] = results.at(-5) as Awaited<typeof articleRead>;
  const tagList = results.at(-4) as Awaited<typeof tagsRead>;
  const { change, rollup } = committedChanges(results);
  // An offline import cannot reach the objects; its change is recorded, so the next cron run moves it
  // (and kicks the dispatcher of a site with deliveries due).
  if (!('offline' in env)) await moveGeneration(env, now, change, rollup);
  await kickIfWrote(env, site.id, outbox.wrote(results, head.length));
  return editorArticleOf(row!, tagList, now);
}

/** Attempts at a derived slug before giving up; only the first is numbered after a lost race. */
const CREATE_ATTEMPTS = 8;

export async function createArticle(
  env: Target, site: SiteRef, given: ArticleInput, actor: Actor, now: Date, also?: AlsoInBatch,
): Promise<EditorArticle> {
  assertWritable(site);
  const input = nfcText(given); // stored NFC whatever the caller (admin, API, import) sent
  const db = database(env.DB);
  const text = await rendered(input.title, input.summary, input.body);
  if (input.slug) {
    await assertSlugFree(db, site.id, input.slug);
    return commit(env, site, now, planCreate(db, site.id, input, text, input.slug, actor, now), also);
  }
  // A derived slug the client never chose, so a collision is ours to resolve. Losing the insert race
  // means others are creating the same title right now and all of them would compute the same next
  // number again (20 at once: 6 won, 14 got 409). So after one lost race the suffix is random: no
  // racer can predict it, and the (vanishing) chance that two draw the same one is one more retry.
  const base = slugBase(input.title);
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? await freeSlug(db, site.id, base) : withSuffix(base, randomSuffix());
    try {
      return await commit(env, site, now, planCreate(db, site.id, input, text, slug, actor, now), also);
    } catch (error) {
      if (!(error instanceof SlugTaken) || attempt === CREATE_ATTEMPTS) throw error;
    }
  }
}

/**
 * An import run outside the Worker (the demo seed, later imports from other systems) into one site: the
 * same commit, recorded as a change (an archived site refuses it in the batch); the generation moves at
 * the next cron run (within a minute) or write.
 */
export const importArticle = (DB: D1Database, siteId: number, input: ArticleInput, actor: Actor, at: Date): Promise<EditorArticle> =>
  createArticle({ DB, offline: true }, { id: siteId, status: 'active' }, input, actor, at);

/** An edit of `current` (an article of the site) as the caller read it (VersionConflict if it changed meanwhile). */
export async function updateArticle(
  env: Env, site: SiteRef, current: Article, patch: Partial<ArticleInput>, actor: Actor, now: Date,
): Promise<EditorArticle> {
  assertWritable(site);
  return commit(env, site, now, await planUpdate(database(env.DB), site.id, current, nfcText(patch), actor, now));
}

/**
 * An editor returns an article under review to its writer as a draft, with the reason (required, at
 * most REVIEW_NOTE_MAX characters). Only from "review": an article that moved on meanwhile is a
 * VersionConflict (the guarded update finds no row). Who may do it is the caller's check (editors).
 */
export async function returnArticle(env: Env, site: SiteRef, current: Article, note: string, actor: Actor, now: Date): Promise<EditorArticle> {
  assertWritable(site);
  const reason = reviewNoteOf(note, 'an article');
  if (current.status !== 'review') throw invalidField('status', 'Only an article awaiting review can be returned.');
  return commit(env, site, now, planReturn(database(env.DB), site.id, current, reason, actor, now));
}

export const REVIEW_NOTE_MAX = 2000;

/** The reason of a return from review (articles and documents), trimmed: required, at most REVIEW_NOTE_MAX characters. */
export function reviewNoteOf(note: string, what: 'an article' | 'a document'): string {
  const reason = note.trim();
  if (!reason) throw invalidField('reviewNote', `A reason is required to return ${what}.`);
  if (reason.length > REVIEW_NOTE_MAX) throw invalidField('reviewNote', `At most ${REVIEW_NOTE_MAX} characters.`);
  return reason;
}

/** Soft delete (to the trash, 30 days); the answer is the article as it now lies there. */
export async function deleteArticle(env: Env, site: SiteRef, current: Article, actor: Actor, now: Date): Promise<EditorArticle> {
  return commit(env, site, now, planDelete(database(env.DB), site.id, current, actor, now));
}

/** Out of the trash with the status it had; NotFound, Gone (too old) or VersionConflict otherwise. */
export async function restoreFromTrash(env: Env, site: SiteRef, id: number, expectedVersion: number, actor: Actor, now: Date): Promise<EditorArticle> {
  assertWritable(site);
  return commit(env, site, now, await planRestore(database(env.DB), site.id, id, expectedVersion, actor, now));
}

/**
 * A revision's content back, as a new revision recorded "restored" in the same transaction. Null when
 * the content already equals it (or it records none): nothing is written.
 */
export async function restoreRevision(
  env: Env, site: SiteRef, current: Article, revision: RevisionWithSnapshot, actor: Actor, now: Date,
): Promise<EditorArticle | null> {
  if (!revision.snapshot) return null;
  const patch = restorePatch(current, revision.snapshot);
  if (Object.keys(patch).length === 0) return null;
  assertWritable(site);
  return commit(env, site, now, await planUpdate(database(env.DB), site.id, current, patch, actor, now, 'restored'));
}

/**
 * The cron's publications, site by site: once a site's next scheduled instant has passed, that is a
 * change of what its readers see (no row changes: readers' queries compare publish times with now),
 * recorded and moved like any other, with the following scheduled instant, and counted in its
 * province's roll-up. An archived site's scheduled articles still go live (they were scheduled before).
 * Returns the sites that had one due.
 */
export async function publishDue(env: Env, at: Date): Promise<number[]> {
  const db = database(env.DB);
  const due = await dueChanges(db, at);
  for (const { siteId } of due) {
    const [change, rollupRow, rollupNext] = records(db, siteId, at, false);
    const results = (await db.batch([change, rollupRow, rollupNext])) as unknown[];
    const committed = committedChanges(results);
    await moveGeneration(env, at, committed.change, committed.rollup);
  }
  return due.map((d) => d.siteId);
}

/**
 * A province features (or stops featuring) one of its communes' articles on its home page: the reference
 * and the province's change record in one batch (planFeature refuses an article it does not roll up:
 * NotFound), then the province's generation moves, so its home shows the change at once.
 */
export async function setFeatured(env: Env, province: SiteRef, articleId: number, featured: boolean, by: number | null, now: Date): Promise<void> {
  assertWritable(province);
  const db = database(env.DB);
  const { statement } = await planFeature(db, province.id, articleId, featured, by, now);
  const results = (await db.batch([statement, ...records(db, province.id, now, true)]).catch(domainErrorOfD1)) as unknown[];
  const { change, rollup } = committedChanges(results);
  await moveGeneration(env, now, change, rollup);
}

/**
 * A change of the site's categories (the admin creates or renames one): its statements commit in one
 * batch with the site's change records (an archived site refuses it), then the generation moves, so the
 * menus, lists and feeds that name categories show it within the freshness bound like any content write.
 * Returns the statements' own results, in order.
 */
export async function changeCategories(env: Env, site: SiteRef, statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]], now: Date): Promise<unknown[]> {
  assertWritable(site);
  const db = database(env.DB);
  const results = (await db.batch([...statements, ...records(db, site.id, now, true)]).catch(domainErrorOfD1)) as unknown[];
  const { change, rollup } = committedChanges(results);
  await moveGeneration(env, now, change, rollup);
  return results.slice(0, statements.length);
}

/**
 * A content write of the site beyond articles (documents and their managed lists, functions/documents/
 * service.ts): the statements and the site's change records in one batch (an archived site refuses it),
 * then the generation moves (an offline import's at the next cron run). `mapError` reads the D1 failure
 * as a domain error. Returns the statements' own results, in order.
 */
export async function commitSiteChange(
  env: Target, site: SiteRef, now: Date, statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]], mapError: (error: unknown) => never = domainErrorOfD1,
): Promise<unknown[]> {
  assertWritable(site);
  const db = database(env.DB);
  const results = (await db.batch([...statements, ...records(db, site.id, now, true)]).catch(mapError)) as unknown[];
  const { change, rollup } = committedChanges(results);
  if (!('offline' in env)) await moveGeneration(env, now, change, rollup);
  return results.slice(0, statements.length);
}

/**
 * The site itself changed (name, "Cơ quan chủ quản" line, logo, colour, hostnames, parent, archived or not):
 * every cached page of it shows those, and its province's roll-up shows its name. Its change records
 * commit (an archived site too: archiving is the change) and the generations move, so readers see the
 * new look within the freshness bound instead of up to EDGE_TTL_SECONDS later.
 */
export async function siteChanged(env: Env, siteId: number, now: Date): Promise<void> {
  const db = database(env.DB);
  const results = (await db.batch([...records(db, siteId, now, false)]).catch(domainErrorOfD1)) as unknown[];
  const { change, rollup } = committedChanges(results);
  await moveGeneration(env, now, change, rollup);
}

/** Catches up replicas left behind by failed moves (the cron's safety net under the retry alarm). */
export const catchUpGeneration = (env: Env, at: Date): Promise<string[]> => catchUpReplicas(env, at);
