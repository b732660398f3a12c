// Validation schemas for API input and the documented shapes of its output. The OpenAPI document is
// generated from these same objects, so the docs cannot drift from what is enforced.
import { z } from 'zod';
import { ARTICLE_STATUSES } from '../data/article-types.ts';
import { isValidSlug } from '../content/slug.ts';
import { measureMarkdown } from '../content/markdown-limits.ts';
import { MEDIA_KEY } from '../media/serve.ts';

/** C0 controls other than tab and newlines: pasted from Word, and forbidden in the XML of feeds. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Editors paste text from Word or macOS (NFD): store one normal form so search and slugs agree. */
const clean = (s: string) => s.normalize('NFC').replace(CONTROL_CHARS, '');
export const text = (max: number) => z.string().max(max).transform((s) => clean(s).trim());

export const Slug = z.string().refine(isValidSlug, {
  message: 'Use lowercase ASCII letters, digits and single hyphens (1-80 characters), e.g. "dong-hy".',
}).meta({ example: 'hoi-nghi-cai-cach-hanh-chinh-2023' });

/** The served shape here; that an image with the key exists is checked against R2 on write (media/exists.ts). */
const MediaKey = z.string().regex(MEDIA_KEY, 'Use the key of an uploaded image, e.g. "2024/03/hoi-nghi.jpg".');

export const CoverInput = z.strictObject({
  key: MediaKey,
  caption: text(500).default(''),
  alt: text(300).refine((s) => s.length > 0, 'Describe the image for readers who cannot see it.'),
});

export const articleFields = {
  title: text(300).refine((s) => s.length > 0, 'The title cannot be empty.'),
  slug: Slug.optional().meta({ description: 'Derived from the title when omitted; stays stable when the title changes later.' }),
  summary: text(2000),
  // The cost bounds of markdown-limits.ts are checked here, so an over-bound body is a 422 on
  // `body` (the limit is in the issue's params, for the admin form's Vietnamese message).
  body: z.string().max(500_000).transform(clean).superRefine((markdown, ctx) => {
    const { excess } = measureMarkdown(markdown);
    if (excess) ctx.addIssue({ code: 'custom', message: excess.message, params: { markdownLimit: excess } });
  }).meta({ description: 'Markdown. Rendered to sanitized HTML when saved. Bodies whose rendering cost would exceed fixed bounds (nesting depth, inline markup per paragraph, table cells, reference expansion) are refused with 422.' }),
  category: Slug.meta({ description: 'Slug of an existing category.' }),
  tags: z.array(text(60)).max(20),
  byline: text(300).meta({ description: 'Author / source line, e.g. "Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)".' }),
  cover: CoverInput.nullable(),
  status: z.enum(ARTICLE_STATUSES).meta({ description: '"scheduled" needs a future publishAt; "published" goes live now unless publishAt says otherwise.' }),
  publishAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).meta({ description: 'ISO 8601 instant with offset, e.g. 2024-03-08T09:43:00+07:00.' }),
};

export const ArticleCreate = z.strictObject({
  ...articleFields,
  summary: articleFields.summary.default(''),
  body: articleFields.body.default(''),
  tags: articleFields.tags.default([]),
  byline: articleFields.byline.default(''),
  cover: articleFields.cover.default(null),
  status: articleFields.status.default('draft'),
  publishAt: articleFields.publishAt.optional(),
}).meta({ id: 'ArticleCreate' });

export const ArticlePatch = z.strictObject({
  title: articleFields.title.optional(),
  slug: Slug.optional(),
  summary: articleFields.summary.optional(),
  body: articleFields.body.optional(),
  category: articleFields.category.optional(),
  tags: articleFields.tags.optional(),
  byline: articleFields.byline.optional(),
  cover: articleFields.cover.optional(),
  status: articleFields.status.optional(),
  publishAt: articleFields.publishAt.optional(),
  reviewNote: z.string().max(2000).optional().meta({
    description: 'Returning an article under review to its writer ("status": "draft" and nothing else): why. Required for that step, as in the admin; shown to the writer until they submit it again.',
  }),
}).refine((o) => Object.keys(o).length > 0, 'Send at least one field to change.').meta({ id: 'ArticlePatch' });

export const positiveInt = (name: string, max: number) =>
  z.string().regex(/^\d{1,6}$/, `${name} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().int().min(1, `${name} must be at least 1.`).max(max, `${name} must be at most ${max}.`));

export const ListQuery = z.object({
  limit: positiveInt('limit', 100).optional().meta({ description: 'Page size, 1-100, default 20.' }),
  cursor: z.string().max(200).optional().meta({ description: 'The `next` cursor of the previous page.' }),
  category: Slug.optional(),
  tag: Slug.optional(),
  q: z.string().max(200).transform((s) => s.trim()).optional().meta({ description: 'Search words; diacritics are ignored ("dong hy" finds "Đồng Hỷ").' }),
});

// ---- documented output shapes (the serializers build exactly these) ----

const CategoryRefOut = z.object({ slug: z.string(), name: z.string(), url: z.string() });
const TagOut = z.object({ slug: z.string(), name: z.string() });
const CoverOut = z.object({ key: z.string(), url: z.string(), caption: z.string(), alt: z.string() });

export const ArticleSummaryOut = z.object({
  id: z.number().int(),
  slug: z.string(),
  url: z.string().meta({ description: 'The reader page.' }),
  apiUrl: z.string(),
  title: z.string(),
  summary: z.string(),
  byline: z.string(),
  cover: CoverOut.nullable(),
  category: CategoryRefOut,
  tags: z.array(TagOut),
  status: z.enum(ARTICLE_STATUSES),
  publishedAt: z.string().nullable().meta({ description: 'ISO 8601, UTC.' }),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'ArticleSummary' });

const GalleryImageOut = z.object({
  url: z.string().meta({ description: 'The photo as uploaded.' }),
  caption: z.string(),
  alt: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  srcset: z.string().meta({ description: 'Smaller WebP copies and the original with their widths ("... 320w, ... 640w"); empty when there are none (GIF, AVIF, small photos, photos over 6 MP sent without the admin\'s script).' }),
}).meta({ id: 'GalleryImage' });

export const ArticleOut = ArticleSummaryOut.extend({
  bodyMarkdown: z.string(),
  html: z.string().meta({ description: 'Sanitized HTML rendered from bodyMarkdown.' }),
  images: z.array(GalleryImageOut).meta({ description: 'The photo gallery under the article, in order (edited in the admin). Part of the ETag.' }),
  views: z.number().int().nullable().meta({ description: 'Page views of the article on the site; null when the counters are unavailable (or in write responses). Not part of the ETag.' }),
}).meta({ id: 'Article' });

export const ArticleListOut = z.object({
  items: z.array(ArticleSummaryOut),
  next: z.string().nullable().meta({ description: 'Cursor of the next page, or null on the last page.' }),
  nextUrl: z.string().nullable(),
}).meta({ id: 'ArticleList' });

export const CategoryOut = z.object({
  slug: z.string(),
  name: z.string(),
  /** Two-level categories (issue 12): the parent's slug, null for a top-level category. articleCount counts its own articles. */
  parent: z.string().nullable(),
  description: z.string(),
  position: z.number().int(),
  articleCount: z.number().int(),
  url: z.string(),
  apiUrl: z.string(),
  articlesUrl: z.string(),
  feedUrl: z.string(),
}).meta({ id: 'Category' });

export const CategoryListOut = z.object({ items: z.array(CategoryOut) }).meta({ id: 'CategoryList' });

export const ProblemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).meta({ id: 'Problem' });

export const StatsOut = z.object({
  onlineNow: z.number().int().meta({ description: '"Đang truy cập": distinct readers seen in the last 5 minutes.' }),
  totalVisits: z.number().int().meta({ description: '"Tổng truy cập": the starting offset plus every visit counted since.' }),
  visitsToday: z.number().int().meta({ description: 'Visits since midnight, Vietnam time.' }),
  pageViews: z.number().int(),
  at: z.string(),
  days: z.array(z.object({ day: z.string(), visits: z.number().int(), views: z.number().int() })),
}).meta({ id: 'Stats' });
