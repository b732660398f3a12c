// The entries' shapes (astro/zod, so getCollection is typed): the CMS API's fields, dates as Date, without
// the live counters (views, downloads) a static build would freeze.
import { z } from 'astro/zod';

const date = z.coerce.date();
const term = z.object({ slug: z.string(), name: z.string(), abbreviation: z.string() });

export const articleSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  url: z.string(),
  apiUrl: z.string(),
  title: z.string(),
  summary: z.string(),
  byline: z.string(),
  cover: z.object({ key: z.string(), url: z.string(), caption: z.string(), alt: z.string() }).nullable(),
  category: z.object({ slug: z.string(), name: z.string(), url: z.string() }),
  tags: z.array(z.object({ slug: z.string(), name: z.string() })),
  status: z.string(),
  publishedAt: date,
  createdAt: date,
  updatedAt: date,
  version: z.number().int(),
  bodyMarkdown: z.string(),
  html: z.string(),
  images: z.array(z.object({
    url: z.string(), caption: z.string(), alt: z.string(),
    width: z.number().int().nullable(), height: z.number().int().nullable(), srcset: z.string(),
  })),
});

export const documentSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  url: z.string(),
  apiUrl: z.string(),
  number: z.string(),
  type: term,
  issuer: term,
  field: term.nullable(),
  signer: z.string(),
  /** Calendar dates (YYYY-MM-DD, Vietnam), kept as written. */
  issuedOn: z.string(),
  effectiveOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  summary: z.string(),
  status: z.string(),
  state: z.string(),
  publishedAt: date,
  createdAt: date,
  updatedAt: date,
  version: z.number().int(),
  files: z.array(z.object({ url: z.string(), name: z.string(), size: z.number().int(), contentType: z.string() })),
  body: z.string(),
  html: z.string(),
  relations: z.array(z.object({
    kind: z.string(), direction: z.string(), number: z.string(), slug: z.string(), summary: z.string(), url: z.string(),
  })),
});

export const pageSchema = z.object({
  slug: z.string(),
  title: z.string(),
  url: z.string(),
  slugEn: z.string().nullable(),
  titleEn: z.string().nullable(),
  urlEn: z.string().nullable(),
  status: z.string(),
  publishedAt: date,
  updatedAt: date,
  summary: z.string(),
  body: z.string(),
  html: z.string(),
  summaryEn: z.string().nullable(),
  bodyEn: z.string().nullable(),
  htmlEn: z.string().nullable(),
});
