// Reader URLs that functions/http/origin.ts `paths` does not have (yet); the rest come from there.
import { paths } from '../../functions/http/origin.ts';

export const sitePaths = {
  tag: (slug: string) => `/the/${slug}`,
  categoryRss: (slug: string) => `${paths.category(slug)}/rss.xml`,
};
