// Who may do what in the admin. Admins and editors: everything on every article (admins also manage
// users and API tokens). Contributors see every article but write only their own drafts and articles
// awaiting review, and can only save them or submit them for review: never publish, schedule,
// unpublish, archive, delete or restore from the trash.
import type { Role } from '../../schema/tables.ts';
import type { ArticleStatus } from '../../functions/data/article-types.ts';
import type { Actor } from '../../functions/data/articles-write.ts';
import type { User } from '../../functions/data/users.ts';

export type EditAction = 'save' | 'review' | 'schedule' | 'publish' | 'unpublish' | 'archive' | 'preview';

export interface Editor {
  id: number;
  role: Role;
}

export interface ArticleAccess {
  status: ArticleStatus;
  /** Who created it: "user:7" / "token:3" (first revision), null if unknown. */
  owner: string | null;
  deleted?: boolean;
}

export const actorId = (user: Pick<Editor, 'id'>) => `user:${user.id}`;
/** The user as revisions record them. */
export const actorOf = (user: User): Actor => ({ id: actorId(user), name: user.name || user.email });
export const isEditor = (user: Editor) => user.role === 'admin' || user.role === 'editor';
export const isAdmin = (user: Editor) => user.role === 'admin';

/** Whether the user may change the article's content at all. */
export function canWrite(user: Editor, article: ArticleAccess | null): boolean {
  if (article?.deleted) return false;
  if (!article || isEditor(user)) return true;
  return article.owner === actorId(user) && (article.status === 'draft' || article.status === 'review');
}

/** The buttons the edit form offers (and the only actions a POST may ask for). */
export function editActions(user: Editor, article: ArticleAccess | null): EditAction[] {
  if (!canWrite(user, article)) return ['preview'];
  const status = article?.status ?? 'draft';
  const actions: EditAction[] = ['save'];
  if (!article || status === 'draft') actions.push('review');
  if (isEditor(user)) {
    actions.push('schedule');
    if (status !== 'published') actions.push('publish');
    if (status === 'published' || status === 'scheduled') actions.push('unpublish');
    if (article && status !== 'archived') actions.push('archive');
  }
  actions.push('preview');
  return actions;
}

export const canDelete = (user: Editor, article: ArticleAccess) => isEditor(user) && !article.deleted;
export const canRestoreFromTrash = (user: Editor) => isEditor(user);
