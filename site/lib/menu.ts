// The category menu every page's header shows.
import { listCategories, type Category } from '../../functions/data/categories.ts';
import type { SiteContext } from './site.ts';

export type { Category };

/** The menu; on an error page it must not fail again, so errors leave it empty (and are logged). */
export async function loadMenu(site: SiteContext, options: { tolerant?: boolean } = {}): Promise<Category[]> {
  if (!options.tolerant) return listCategories(site.db, site.id, site.now);
  try {
    return await listCategories(site.db, site.id, site.now);
  } catch (error) {
    console.error('menu: categories unavailable:', error);
    return [];
  }
}
