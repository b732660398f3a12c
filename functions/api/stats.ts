// GET /api/v1/stats: the live visitor figures and the daily series, for clients and the admin chart.
import { dailySeries, readFigures } from '../stats/figures.ts';
import type { Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';

/** Live numbers: shared caches may keep them for a few seconds at most. */
const STATS_CACHE = 'public, max-age=5';

export const read: Handler = async (request, env) => {
  const now = new Date();
  const [figures, days] = await Promise.all([readFigures(env, now), dailySeries(env)]);
  return sendJson(request, { ...figures, at: now.toISOString(), days }, { cacheControl: STATS_CACHE });
};
