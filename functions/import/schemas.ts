// The bulk import API's request and answer shapes (zod): what each endpoint accepts, item by item, and
// what it answers. The OpenAPI document is generated from these objects, like the content API's.
import { z } from 'zod';

import { SOURCE_KEY_MAX } from '../data/import-sources.ts';
import { MAX_REDIRECT_PATH } from '../data/redirects.ts';
import { articleFields, Slug, text } from '../api/schemas.ts';
import { slugify } from '../content/slug.ts';
import { MEDIA_KEY } from '../media/serve.ts';

/** Items per request: 25 creates of an article with its tags, revision, search row and redirects stay within D1's per-request limits. */
export const IMPORT_BATCH_MAX = 25;
/** Keys per /known or categories per /categories request. */
export const IMPORT_LOOKUP_MAX = 100;
/** The longest source URL of an image. */
export const SOURCE_URL_MAX = 2000;
/** Old URLs of one item (an old portal's article may answer on a few spellings). */
export const OLD_PATHS_MAX = 20;

const SourceKey = z.string().min(1).max(SOURCE_KEY_MAX).meta({ description: 'The source\'s identity of the item (a WordPress GUID, an old page\'s URL): a rerun finds it and changes nothing.' });

export const KnownIn = z.strictObject({
  kind: z.enum(['article', 'page', 'media']),
  keys: z.array(z.string().min(1).max(SOURCE_KEY_MAX)).max(IMPORT_LOOKUP_MAX).meta({ description: 'Source keys (media: source URLs), at most 100.' }),
}).meta({ id: 'ImportKnownIn' });

export const KnownOut = z.object({
  known: z.record(z.string(), z.object({
    id: z.number().int(),
    url: z.string().optional().meta({ description: 'Absolute URL of the article or page now.' }),
    key: z.string().optional().meta({ description: 'A media item\'s key (/media/{key}).' }),
  })),
}).meta({ id: 'ImportKnownOut' });

export const CategoriesIn = z.strictObject({
  items: z.array(z.strictObject({
    slug: Slug.nullable().meta({ description: 'null: from the name.' }),
    name: text(120).refine((s) => s.length > 0, 'A category needs a name.'),
    parentSlug: Slug.nullable(),
  })).min(1).max(IMPORT_LOOKUP_MAX),
}).meta({ id: 'ImportCategoriesIn' });

export const CategoriesOut = z.object({
  items: z.array(z.object({ slug: z.string(), id: z.number().int(), created: z.boolean() })),
}).meta({ id: 'ImportCategoriesOut' });

const OldPaths = z.array(z.string().max(MAX_REDIRECT_PATH)).max(OLD_PATHS_MAX)
  .meta({ description: 'The item\'s old URLs or paths: each answers 301 to its new URL on this site.' });
const PublishedAt = z.iso.datetime({ offset: true }).nullable()
  .meta({ description: 'The source\'s publication instant, kept (an article of 2019 stays 2019). A published or scheduled item without one is imported as a draft.' });
const ImportStatus = z.enum(['published', 'draft', 'review', 'scheduled']);
/** A source's slug made a CMS slug ("T%e1%ba%bft Trồng cây" -> "tet-trong-cay"); nothing usable: derived from the title. */
const SourceSlug = z.string().max(2000).nullable().default(null)
  .transform((s) => (s === null ? null : slugify(safeDecode(s)) || null))
  .meta({ description: 'The source\'s slug, made a CMS slug (lowercase ASCII, hyphens); null or nothing usable: derived from the title. A taken slug fails the item (409).' });

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A cover from the media library; alt may be empty in a source (the title stands in for it then). */
const ImportCover = z.strictObject({
  key: z.string().regex(MEDIA_KEY, 'Use the key /import/media answered.'),
  alt: text(300).default(''),
  caption: text(500).default(''),
});

/** What an imported article and an imported page both have. */
const importItemFields = {
  sourceKey: SourceKey,
  oldPaths: OldPaths.default([]),
  title: articleFields.title,
  slug: SourceSlug,
  body: articleFields.body,
  summary: articleFields.summary.default(''),
  status: ImportStatus,
  publishedAt: PublishedAt,
};

export const ImportArticle = z.strictObject({
  ...importItemFields,
  categorySlug: Slug.nullable().default(null).meta({ description: 'null: the site\'s first category.' }),
  tags: articleFields.tags.default([]),
  byline: articleFields.byline.default(''),
  cover: ImportCover.nullable().default(null),
}).meta({ id: 'ImportArticle' });

export const ImportPage = z.strictObject(importItemFields).meta({ id: 'ImportPage' });

export type ImportArticleInput = z.output<typeof ImportArticle>;
export type ImportPageInput = z.output<typeof ImportPage>;

/** The envelope; each item is checked on its own, so one bad item fails alone. */
export const ImportBatch = z.strictObject({ items: z.array(z.unknown()).min(1).max(IMPORT_BATCH_MAX) });

/** What OpenAPI shows of a batch: the items' own shape. */
export const ImportArticlesIn = z.object({ items: z.array(ImportArticle).min(1).max(IMPORT_BATCH_MAX) }).meta({ id: 'ImportArticlesIn' });
export const ImportPagesIn = z.object({ items: z.array(ImportPage).min(1).max(IMPORT_BATCH_MAX) }).meta({ id: 'ImportPagesIn' });

export const ImportItemsOut = z.object({
  items: z.array(z.object({
    sourceKey: z.string(),
    outcome: z.enum(['created', 'unchanged', 'failed', 'would-create']),
    id: z.number().int().optional(),
    slug: z.string().optional(),
    url: z.string().optional(),
    problem: z.object({ status: z.number().int(), title: z.string(), detail: z.string() }).optional(),
  })),
}).meta({ id: 'ImportItemsOut' });

export const ImportQuery = z.object({
  site: z.string().max(253).optional().meta({ description: 'Another site by one of its hostnames (an all-sites token only).' }),
  'dry-run': z.enum(['1', 'true']).optional().meta({ description: '1: check every item and answer what would happen, writing nothing.' }),
});

export const SiteQuery = ImportQuery.pick({ site: true });

export const MediaOut = z.object({
  id: z.number().int(), key: z.string(), url: z.string(), width: z.number().int().nullable(), height: z.number().int().nullable(), created: z.boolean(),
}).meta({ id: 'ImportMediaOut' });

export const VisitsIn = z.strictObject({ total: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).meta({ id: 'ImportVisitsIn' });
export const VisitsOut = z.object({ total: z.number().int(), raised: z.boolean() }).meta({ id: 'ImportVisitsOut' });

