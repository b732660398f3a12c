// The batch behind /import/articles and /import/pages: each item checked on its own (one bad item fails
// alone), an item already imported answered "unchanged" (its redirects completed), a new one created
// through the write service with its import_sources row and its old paths' redirects in its own batch, so
// a killed run leaves each item whole or absent. The generation moves once per request, not per item.
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { z } from 'zod';
import { commitSiteChange, siteChanged, assertWritable, type Target } from '../articles/service.ts';
import { DomainError, SlugTaken } from '../articles/errors.ts';
import { database, type Db } from '../data/db.ts';
import { importSourceRow, knownSources } from '../data/import-sources.ts';
import { oldPathOf, upsertRedirect } from '../data/redirects.ts';
import type { ImportCaller } from '../http/auth.ts';
import { readJson, validate } from '../http/body.ts';
import { HttpError, problemResponse } from '../http/problem.ts';
import { sendWrite } from '../http/respond.ts';
import { kickWebhooks } from '../webhooks/kick.ts';
import type { Site } from '../sites/resolve.ts';
import type { ImportKind } from '../../schema/tables.ts';
import { ImportBatch } from './schemas.ts';

export interface ItemOutcome {
  sourceKey: string;
  outcome: 'created' | 'unchanged' | 'failed' | 'would-create';
  id?: number;
  slug?: string;
  url?: string;
  problem?: { status: number; title: string; detail: string };
}

/** What every imported item has, whatever its kind. */
export interface ImportedItem {
  sourceKey: string;
  oldPaths: string[];
}

/** Where a request's writes go, and what it knows between items (a category looked up once). */
export interface ImportRun {
  env: Env;
  caller: ImportCaller;
  site: Site;
  db: Db;
  now: Date;
  /** The write service's target: the generation is not moved (nor the dispatcher kicked) per item, but once when the request ends. */
  target: Target;
  memo: Map<string, unknown>;
}

/** One kind of item (articles, pages): its schema, its public path, and its check and create. */
export interface ItemKind<Input extends ImportedItem> {
  kind: ImportKind;
  schema: z.ZodType<Input, unknown>;
  pathOf: (slug: string) => string;
  /** Throws the reason (a domain error or HttpError) the item would fail for; a dry run's whole check. */
  check: (run: ImportRun, item: Input) => Promise<void>;
  /** Creates it through the write service with `also` in its batch; `slug` is the one its redirects point at. */
  create: (run: ImportRun, item: Input, slug: string, also: (id: number | SQL) => BatchItem<'sqlite'>[]) => Promise<{ id: number; slug: string }>;
  /** The slug a new item gets (the source's, else a free one from its title); retried after a lost race. */
  slugFor: (run: ImportRun, item: Input, attempt: number) => Promise<string>;
  /** The slug came from the source: taken is the item's failure, not ours to resolve. */
  chosenSlug: (item: Input) => boolean;
}

/** Attempts at a derived slug when another writer takes it meanwhile. */
const SLUG_ATTEMPTS = 4;

/** The problem of a failed item, as the request would have answered it alone; anything else is a bug and propagates. */
async function problemOf(error: unknown): Promise<ItemOutcome['problem']> {
  if (!(error instanceof HttpError) && !(error instanceof DomainError)) throw error;
  const body = (await problemResponse(error).json()) as { status: number; title: string; detail: string };
  return { status: body.status, title: body.title, detail: body.detail };
}

/** The item's old paths in the redirects' one spelling; an unreadable one fails the item (422 on it). */
function oldPathsOf(item: ImportedItem): string[] {
  return item.oldPaths.map((p, i) => {
    const path = oldPathOf(p);
    if (path === null) throw new HttpError(422, 'validation-failed', `Invalid item: oldPaths.${i}: not an http(s) URL or a path starting with "/".`, { errors: [{ field: `oldPaths.${i}`, message: 'Not an http(s) URL or an absolute path.' }] });
    return path;
  });
}

/** A D1 failure of the import_sources primary key: another run imported the same item meanwhile. */
const importedMeanwhile = (error: unknown) => /UNIQUE constraint failed: import_sources\./.test(String((error as Error)?.message ?? error));

export async function importItems<Input extends ImportedItem>(request: Request, env: Env, caller: ImportCaller, kind: ItemKind<Input>): Promise<Response> {
  const { site } = caller;
  const dryRun = ['1', 'true'].includes(new URL(request.url).searchParams.get('dry-run') ?? '');
  const { items } = await readJson(request, ImportBatch);
  assertWritable(site); // an archived site refuses the whole request (409), before any item
  const db = database(env.DB);
  const now = new Date();
  let announced = false;
  const target = { DB: env.DB, offline: true as const, deliveriesWritten: () => { announced = true; } };
  const run: ImportRun = { env, caller, site, db, now, target, memo: new Map() };
  const keys = items.map((raw) => (raw && typeof raw === 'object' && typeof (raw as { sourceKey?: unknown }).sourceKey === 'string' ? (raw as { sourceKey: string }).sourceKey : ''));
  const known = await knownSources(db, site.id, kind.kind, keys.filter(Boolean));
  const seen = new Set<string>();
  const redirectsOfKnown: BatchItem<'sqlite'>[] = [];
  let written = false;
  const outcomes: ItemOutcome[] = [];
  for (const [i, raw] of items.entries()) {
    const sourceKey = keys[i]!;
    try {
      const item = validate(kind.schema, raw, 'body');
      const paths = oldPathsOf(item);
      const had = known.get(item.sourceKey);
      if (had || seen.has(item.sourceKey)) {
        // Imported before (or earlier in this request): its redirects are completed, nothing else changes.
        const slug = had?.slug ?? null;
        if (slug && !dryRun) redirectsOfKnown.push(...paths.map((p) => upsertRedirect(db, site.id, p, kind.pathOf(slug), 'import', now)));
        outcomes.push({ sourceKey, outcome: 'unchanged', ...(had ? { id: had.id } : {}), ...(slug ? { slug, url: site.origin + kind.pathOf(slug) } : {}) });
        continue;
      }
      await kind.check(run, item);
      if (dryRun) {
        seen.add(item.sourceKey);
        outcomes.push({ sourceKey, outcome: 'would-create' });
        continue;
      }
      for (let attempt = 1; ; attempt++) {
        const slug = await kind.slugFor(run, item, attempt);
        const also = (id: number | SQL) => [
          importSourceRow(db, site.id, kind.kind, item.sourceKey, id),
          ...paths.map((p) => upsertRedirect(db, site.id, p, kind.pathOf(slug), 'import', now)),
        ];
        try {
          const created = await kind.create(run, item, slug, also);
          written = true;
          seen.add(item.sourceKey);
          outcomes.push({ sourceKey, outcome: 'created', id: created.id, slug: created.slug, url: site.origin + kind.pathOf(created.slug) });
          break;
        } catch (error) {
          if (importedMeanwhile(error)) {
            const now = (await knownSources(db, site.id, kind.kind, [item.sourceKey])).get(item.sourceKey);
            outcomes.push({ sourceKey, outcome: 'unchanged', ...(now ? { id: now.id, ...(now.slug ? { slug: now.slug, url: site.origin + kind.pathOf(now.slug) } : {}) } : {}) });
            break;
          }
          if (!(error instanceof SlugTaken) || kind.chosenSlug(item) || attempt === SLUG_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      outcomes.push({ sourceKey, outcome: 'failed', problem: await problemOf(error) });
    }
  }
  const [first, ...rest] = redirectsOfKnown;
  if (first) {
    await commitSiteChange(run.target, site, now, [first, ...rest]);
    written = true;
  }
  // One move for the whole request: every item's change is recorded already (a request cut short here
  // leaves them to the cron's catch-up within a minute).
  if (written) await siteChanged(env, site.id, now);
  // Likewise one kick of the site's webhook dispatcher for every delivery the items wrote (5,000 published
  // items: one RPC, not 5,000), so they go out now rather than at the next cron run.
  if (announced) await kickWebhooks(env, site.id);
  return sendWrite({ items: outcomes }, 200);
}
