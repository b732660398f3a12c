// POST /api/v1/import/visits: the old portal's visit total becomes the site's starting total when it is
// higher ("Tổng truy cập" keeps counting from there); never lowers it. Through the sites' write path and
// the registry, so every page shows the new total from the next request.
import { assertWritable } from '../articles/service.ts';
import { database } from '../data/db.ts';
import { raiseVisitOffset } from '../data/visit-offset.ts';
import type { ImportHandler } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { sendWrite } from '../http/respond.ts';
import { reloadRegistry, visitOffset } from '../sites/registry.ts';
import { readFigures } from '../stats/figures.ts';
import { VisitsIn } from './schemas.ts';

export const visits: ImportHandler = async (request, env, _ctx, { site }) => {
  const { total } = await readJson(request, VisitsIn);
  assertWritable(site); // an archived site is read-only: its figures are history, not raised by an import
  const registry = await reloadRegistry(env);
  const current = registry.byId.get(site.id)!;
  const now = new Date();
  const counted = (await readFigures(env, current, now)).totalVisits - visitOffset(current, registry, env);
  // The total shown is the offset plus what this CMS counted: the offset that makes it `total`, if higher.
  const raised = await raiseVisitOffset(database(env.DB), site.id, visitOffset(current, registry, env), Math.max(0, total - counted), now);
  const after = raised ? await reloadRegistry(env) : registry;
  return sendWrite({ total: visitOffset(after.byId.get(site.id)!, after, env) + counted, raised }, 200);
};
