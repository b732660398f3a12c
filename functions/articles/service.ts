// The one door for content changes: create, edit (publish, unpublish, schedule), delete, restore from
// the trash, restore a revision, and the cron's publications. Each commits one D1 batch (the content,
// its revision with the action, the search index, the change record and a read-back of the article),
// then moves the content generation; callers get the committed article and never query again.
// API handlers, the admin and the cron all write through here; nothing else moves the generation.
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQL } from 'drizzle-orm';
import { randomSuffix, withSuffix } from '../content/slug.ts';
import { articleReads, editorArticleOf, type EditorArticle } from '../data/admin-articles.ts';
import type { Article } from '../data/article-types.ts';
import {
  assertSlugFree, freeSlug, planCreate, planDelete, planUpdate, rendered, slugBase,
  type Actor, type ArticleInput, type WritePlan,
} from '../data/articles-write.ts';
import { latestChange, recordChange, type ContentChange } from '../data/content-changes.ts';
import { database } from '../data/db.ts';
import { restorePatch, type RevisionWithSnapshot } from '../data/revisions.ts';
import { planRestore } from '../data/trash.ts';
import { domainErrorOfD1, SlugTaken } from './errors.ts';
import { catchUpReplicas, moveGeneration } from './generation-move.ts';

export type { Actor, ArticleInput, EditorArticle };

/** More statements for the same transaction, given the article's id (or the subquery of a new one). */
export type AlsoInBatch = (articleId: number | SQL) => BatchItem<'sqlite'>[];

/** Where a write runs: in the Worker (it moves the generation at once) or an offline import (only D1). */
type Target = Env | { DB: D1Database; offline: true };

async function commit(env: Target, now: Date, plan: WritePlan, also: AlsoInBatch = () => []): Promise<EditorArticle> {
  const db = database(env.DB);
  const [articleRead, tagsRead] = articleReads(db, plan.articleId);
  // The change record goes last so it sees the whole write (the next scheduled instant included).
  const results = (await db.batch([...plan.statements, ...also(plan.articleId), articleRead, tagsRead, recordChange(db, now)])
    .catch(domainErrorOfD1)) as unknown[];
  const [row] = results.at(-3) as Awaited<typeof articleRead>;
  const tagList = results.at(-2) as Awaited<typeof tagsRead>;
  const [change] = results.at(-1) as ContentChange[];
  // An offline import cannot reach the objects; its change is recorded, so the next cron run moves it.
  if (!('offline' in env)) await moveGeneration(env, db, now, change!);
  return editorArticleOf(row!, tagList, now);
}

/** Attempts at a derived slug before giving up; only the first is numbered after a lost race. */
const CREATE_ATTEMPTS = 8;

export async function createArticle(
  env: Target, input: ArticleInput, actor: Actor, now: Date, also?: AlsoInBatch,
): Promise<EditorArticle> {
  const db = database(env.DB);
  const text = await rendered(input.title, input.summary, input.body);
  if (input.slug) {
    await assertSlugFree(db, input.slug);
    return commit(env, now, planCreate(db, input, text, input.slug, actor, now), also);
  }
  // A derived slug the client never chose, so a collision is ours to resolve. Losing the insert race
  // means others are creating the same title right now and all of them would compute the same next
  // number again (20 at once: 6 won, 14 got 409). So after one lost race the suffix is random: no
  // racer can predict it, and the (vanishing) chance that two draw the same one is one more retry.
  const base = slugBase(input.title);
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? await freeSlug(db, base) : withSuffix(base, randomSuffix());
    try {
      return await commit(env, now, planCreate(db, input, text, slug, actor, now), also);
    } catch (error) {
      if (!(error instanceof SlugTaken) || attempt === CREATE_ATTEMPTS) throw error;
    }
  }
}

/**
 * An import run outside the Worker (the demo seed, later imports from other systems): the same commit,
 * recorded as a change; the generation moves at the next cron run (within a minute) or write.
 */
export const importArticle = (DB: D1Database, input: ArticleInput, actor: Actor, at: Date): Promise<EditorArticle> =>
  createArticle({ DB, offline: true }, input, actor, at);

/** An edit of `current` as the caller read it (VersionConflict if it changed meanwhile). */
export async function updateArticle(
  env: Env, current: Article, patch: Partial<ArticleInput>, actor: Actor, now: Date,
): Promise<EditorArticle> {
  return commit(env, now, await planUpdate(database(env.DB), current, patch, actor, now));
}

/** Soft delete (to the trash, 30 days); the answer is the article as it now lies there. */
export async function deleteArticle(env: Env, current: Article, actor: Actor, now: Date): Promise<EditorArticle> {
  return commit(env, now, planDelete(database(env.DB), current, actor, now));
}

/** Out of the trash with the status it had; NotFound, Gone (too old) or VersionConflict otherwise. */
export async function restoreFromTrash(env: Env, id: number, expectedVersion: number, actor: Actor, now: Date): Promise<EditorArticle> {
  return commit(env, now, await planRestore(database(env.DB), id, expectedVersion, actor, now));
}

/**
 * A revision's content back, as a new revision recorded "restored" in the same transaction. Null when
 * the content already equals it (or it records none): nothing is written.
 */
export async function restoreRevision(
  env: Env, current: Article, revision: RevisionWithSnapshot, actor: Actor, now: Date,
): Promise<EditorArticle | null> {
  if (!revision.snapshot) return null;
  const patch = restorePatch(current, revision.snapshot);
  if (Object.keys(patch).length === 0) return null;
  return commit(env, now, await planUpdate(database(env.DB), current, patch, actor, now, 'restored'));
}

/**
 * The cron's publications: once the next scheduled instant has passed, that is a change of what
 * readers see (no row changes: readers' queries compare publish times with now), recorded and moved
 * like any other, with the following scheduled instant. False if nothing was due.
 */
export async function publishDue(env: Env, at: Date): Promise<boolean> {
  const db = database(env.DB);
  const latest = await latestChange(db);
  if (latest?.nextScheduledAt == null || latest.nextScheduledAt > at.getTime()) return false;
  const [[change]] = await db.batch([recordChange(db, at)]);
  await moveGeneration(env, db, at, change!);
  return true;
}

/** Catches up replicas left behind by failed moves (the cron's safety net under the retry alarm). */
export const catchUpGeneration = (env: Env, at: Date): Promise<number[]> => catchUpReplicas(env, at);
