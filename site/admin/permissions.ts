// Who may do what in the admin, on the working site (a role is per site: `role` is the user's role on the
// site the page works on). Admins and editors: everything on every article of the site (admins also
// manage its users, API tokens and categories). Contributors see every article but write only their own
// drafts and articles awaiting review, and can only save them or submit them for review: never publish,
// schedule, unpublish, archive, delete or restore from the trash. Platform admins are admin on every
// site, and alone manage sites, the platform-admin flag and the sign-in locks (accounts are global).
import type { Role } from '../../schema/tables.ts';
import type { ArticleStatus } from '../../functions/data/article-types.ts';
import type { Actor } from '../../functions/data/articles-write.ts';
import type { User } from '../../functions/data/users.ts';

export type EditAction = 'save' | 'review' | 'schedule' | 'publish' | 'unpublish' | 'archive' | 'preview';

/** The `?thong-bao=` slug an edit action's redirect carries (articles and documents word it in strings.ts). */
export const NOTICE_OF: Record<Exclude<EditAction, 'preview'>, string> = {
  save: 'da-luu',
  review: 'da-gui-duyet',
  schedule: 'da-len-lich',
  publish: 'da-dang',
  unpublish: 'da-go',
  archive: 'da-luu-tru',
};

export interface Editor {
  id: number;
  /** The role on the working site; null: none (nothing may be written). */
  role: Role | null;
  platformAdmin?: boolean;
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
export const isAdmin = (user: Editor) => user.role === 'admin' || user.platformAdmin === true;
export const isPlatformAdmin = (user: Editor) => user.platformAdmin === true;
/** Categories, tags and the header menu: the site's admins and editors (never contributors). */
export const canManageTaxonomy = (user: Editor) => isEditor(user) || isAdmin(user);

/** Whether the user may change the article's content at all. */
export function canWrite(user: Editor, article: ArticleAccess | null): boolean {
  if (article?.deleted || !user.role) return false;
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
