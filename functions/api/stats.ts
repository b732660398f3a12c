// GET /api/v1/stats: the host's site's live visitor figures and daily series, for clients and the admin chart.
import { dailySeries, readFigures } from '../stats/figures.ts';
import { siteOf } from '../http/origin.ts';
import { HttpError } from '../http/problem.ts';
import type { Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';

/** Live numbers: shared caches may keep them for a few seconds at most. */
const STATS_CACHE = 'public, max-age=5';

export const read: Handler = async (request, env) => {
  const site = siteOf(request, env);
  const now = new Date();
  let figures: Awaited<ReturnType<typeof readFigures>>;
  let days: Awaited<ReturnType<typeof dailySeries>>;
  try {
    [figures, days] = await Promise.all([readFigures(env, site, now), dailySeries(env, site)]);
  } catch (error) {
    // The counters are their own objects: when they fail, say so plainly (pages keep their last figures).
    console.error('visitor statistics unavailable (stats API):', error);
    throw new HttpError(503, 'statistics-unavailable', 'The visitor statistics cannot be read right now. Try again in a minute.', {
      headers: { 'Retry-After': '60' },
    });
  }
  return sendJson(request, { ...figures, at: now.toISOString(), days }, { cacheControl: STATS_CACHE });
};
