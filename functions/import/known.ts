// POST /api/v1/import/known: which of these source keys the site has imported already (articles, pages,
// or media by source URL), so a rerun skips them before fetching their images. One query, no write.
import { database } from '../data/db.ts';
import { knownMedia, knownSources } from '../data/import-sources.ts';
import type { ImportHandler } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { paths } from '../http/origin.ts';
import { sendWrite } from '../http/respond.ts';
import { KnownIn } from './schemas.ts';

export const known: ImportHandler = async (request, env, _ctx, { site }) => {
  const { kind, keys } = await readJson(request, KnownIn);
  const db = database(env.DB);
  const out: Record<string, { id: number; url?: string; key?: string }> = {};
  if (kind === 'media') {
    for (const [url, item] of await knownMedia(db, site.id, keys)) out[url] = { id: item.id, key: item.key };
  } else {
    const pathOf = kind === 'article' ? paths.article : paths.page;
    for (const [key, item] of await knownSources(db, site.id, kind, keys)) {
      out[key] = { id: item.id, ...(item.slug ? { url: site.origin + pathOf(item.slug) } : {}) };
    }
  }
  return sendWrite({ known: out }, 200);
};
