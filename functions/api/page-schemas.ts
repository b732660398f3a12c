// The documented shapes of the pages' read API (the OpenAPI document is generated from these objects).
import { z } from 'zod';

const PageRefOut = z.object({
  slug: z.string().meta({ description: 'The Vietnamese page\'s slug: /trang/{slug}.' }),
  title: z.string(),
  url: z.string().meta({ description: 'Absolute URL of the Vietnamese page.' }),
  slugEn: z.string().nullable().meta({ description: 'The English version\'s slug (/en/{slugEn}), or null when the page has none.' }),
  titleEn: z.string().nullable(),
  urlEn: z.string().nullable().meta({ description: 'Absolute URL of the English page, or null.' }),
  status: z.string().meta({ description: 'published for readers; a token of the site also sees draft, review, scheduled, archived.' }),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
}).meta({ id: 'PageSummary' });

export const PageListOut = z.object({ items: z.array(PageRefOut) }).meta({ id: 'PageList' });

export const PageOut = PageRefOut.extend({
  summary: z.string(),
  body: z.string().meta({ description: 'Markdown (Vietnamese).' }),
  html: z.string().meta({ description: 'Sanitized HTML rendered from body.' }),
  summaryEn: z.string().nullable(),
  bodyEn: z.string().nullable().meta({ description: 'Markdown (English), or null.' }),
  htmlEn: z.string().nullable().meta({ description: 'Sanitized HTML rendered from bodyEn, or null.' }),
}).meta({ id: 'Page' });
