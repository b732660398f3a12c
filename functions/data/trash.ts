// The trash: a delete (planDelete in articles-write.ts) only sets deleted_at, so an article deleted less than
// TRASH_DAYS ago can be brought back exactly as it was, recorded as a revision ("restored"). Documents and pages
// restore the same way and make the same checks (assertRestorable).
import { and, eq, isNotNull } from 'drizzle-orm';
import { articleRevisions, articles } from '../../schema/tables.ts';
import { Gone, NotFound, VersionConflict } from '../articles/errors.ts';
import { readArticleById, TRASH_MS } from './admin-articles.ts';
import type { Actor, WritePlan } from './articles-write.ts';
import type { Db } from './db.ts';
import { guardedVersion } from './guarded-version.ts';
import { snapshotOf } from './revisions.ts';
import { changedFrom } from '../webhooks/events.ts';

/** When a deleted article stops being restorable. */
export const restorableUntil = (deletedAt: Date) => new Date(deletedAt.getTime() + TRASH_MS);

/**
 * The three refusals every restore makes (articles, documents, pages), kept in one place so the kinds agree:
 * NotFound when the row is not in the trash, Gone when it was deleted TRASH_DAYS or more ago, VersionConflict
 * (with the kind's own `changed` message) when it changed since the editor saw it. `what` names the row.
 */
export function assertRestorable<T extends { deletedAt: Date | null; version: number }>(
  current: T | null | undefined, what: string, expectedVersion: number, changed: string, now: Date,
): asserts current is T & { deletedAt: Date } {
  if (!current?.deletedAt) throw new NotFound(`The ${what} is not in the trash.`);
  if (restorableUntil(current.deletedAt).getTime() <= now.getTime()) {
    throw new Gone('trash-expired', `The ${what} was deleted more than 30 days ago and can no longer be restored.`);
  }
  if (current.version !== expectedVersion) throw new VersionConflict(changed);
}

/**
 * Takes the article out of the trash with the status it had (a published article is live again).
 * Guarded by the version the editor saw, like every write: VersionConflict if it changed.
 */
export async function planRestore(db: Db, siteId: number, id: number, expectedVersion: number, actor: Actor, now: Date): Promise<WritePlan> {
  const current = await readArticleById(db, siteId, id, now, { withDeleted: true });
  assertRestorable(current, 'article', expectedVersion, 'The article was changed by someone else meanwhile.', now);
  const version = current.version + 1;
  return { articleId: id, statements: [
    db.update(articles).set({ deletedAt: null, version, updatedAt: now })
      .where(and(eq(articles.id, id), eq(articles.siteId, siteId), eq(articles.version, current.version), isNotNull(articles.deletedAt))),
    // NULL, and so a failed batch, unless the guarded update above happened.
    db.insert(articleRevisions).values({
      articleId: id,
      version: guardedVersion(articles, id, version),
      action: 'restored',
      changedFields: '[]',
      snapshot: JSON.stringify(snapshotOf(current)),
      actor: actor.id,
      actorName: actor.name,
      createdAt: now,
    }),
  ], step: 'restored', title: current.title, actor, transition: changedFrom(current, { deletedAt: null, version }) };
}
