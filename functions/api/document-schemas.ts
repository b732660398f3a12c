// Validation schemas of the documents API and the documented shapes of its output (the OpenAPI document
// is generated from these objects, like the articles' in schemas.ts).
import { z } from 'zod';
import { DOCUMENT_RELATIONS } from '../../schema/tables.ts';
import { ARTICLE_STATUSES } from '../data/article-types.ts';
import { isDay } from '../data/documents-write.ts';
import { LEGAL_STATUSES } from '../documents/status.ts';
import { articleFields, positiveInt, Slug, text } from './schemas.ts';

const Day = z.string().refine(isDay, 'Use a calendar day, YYYY-MM-DD (Vietnam).').meta({ example: '2024-03-15' });

const documentFields = {
  number: text(100).refine((s) => /[\p{L}\p{N}]/u.test(s), 'The number (số ký hiệu) needs a letter or digit.')
    .meta({ description: 'Số ký hiệu as issued, e.g. "125/QĐ-UBND" or "12/2024/QĐ-UBND"; unique per issuer and year of issue.' }),
  slug: Slug.optional().meta({ description: 'Derived from the number (and year) when omitted.' }),
  type: Slug.meta({ description: 'Slug of an entry of the site\'s list of types (loại văn bản), e.g. "quyet-dinh".' }),
  issuer: Slug.meta({ description: 'Slug of an issuing authority (cơ quan ban hành) of the site, e.g. "ubnd".' }),
  field: Slug.nullable().meta({ description: 'Slug of a field (lĩnh vực) of the site, or null.' }),
  signer: text(300).meta({ description: 'Người ký, e.g. "Nguyễn Văn A (Chủ tịch)".' }),
  issuedOn: Day.meta({ description: 'Ngày ban hành.' }),
  effectiveOn: Day.nullable().meta({ description: 'Ngày có hiệu lực; null: from the day of issue.' }),
  expiresOn: Day.nullable().meta({ description: 'Ngày hết hiệu lực (no longer in effect from this day); null: none.' }),
  summary: text(2000).refine((s) => s.length > 0, 'The summary (trích yếu) cannot be empty.'),
  body: articleFields.body,
  status: articleFields.status,
  publishAt: articleFields.publishAt,
  relations: z.array(z.strictObject({
    kind: z.enum(DOCUMENT_RELATIONS).meta({ description: 'This document replaces, amends, or is guided by the other.' }),
    slug: Slug.meta({ description: 'The other document of the site.' }),
  })).max(50),
  files: z.array(z.number().int().positive()).max(20).meta({ description: 'Ids of uploaded files of the site, in order (replaces the list).' }),
};

export const DocumentCreate = z.strictObject({
  ...documentFields,
  field: documentFields.field.default(null),
  signer: documentFields.signer.default(''),
  effectiveOn: documentFields.effectiveOn.default(null),
  expiresOn: documentFields.expiresOn.default(null),
  body: documentFields.body.default(''),
  status: documentFields.status.default('draft'),
  publishAt: documentFields.publishAt.optional(),
  relations: documentFields.relations.default([]),
  files: documentFields.files.default([]),
}).meta({ id: 'DocumentCreate' });

export const DocumentPatch = z.strictObject(
  Object.fromEntries(Object.entries(documentFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof documentFields]: z.ZodOptional<(typeof documentFields)[K]> },
).refine((o) => Object.keys(o).length > 0, 'Send at least one field to change.').meta({ id: 'DocumentPatch' });

export const DocumentListQuery = z.object({
  limit: positiveInt('limit', 100).optional().meta({ description: 'Page size, 1-100, default 20.' }),
  cursor: z.string().max(200).optional().meta({ description: 'The `next` cursor of the previous page.' }),
  type: Slug.optional(),
  issuer: Slug.optional(),
  field: Slug.optional(),
  year: z.string().regex(/^\d{4}$/, 'year must be four digits.').transform(Number).optional().meta({ description: 'Year of issue.' }),
  status: z.enum(LEGAL_STATUSES).optional().meta({ description: 'Legal status today (Vietnam).' }),
  q: z.string().max(200).transform((s) => s.trim()).optional()
    .meta({ description: 'The number however typed ("125/QĐ-UBND", "125 qd ubnd", "qd-ubnd 125", with or without the year), or words of the summary, body or files; diacritics ignored.' }),
});

// ---- output ----

const TermOut = z.object({ slug: z.string(), name: z.string(), abbreviation: z.string() });
const FileOut = z.object({
  url: z.string(), name: z.string(), size: z.number().int(), contentType: z.string(),
  downloads: z.number().int().meta({ description: 'Full downloads so far. Not part of the ETag.' }),
});

export const DocumentSummaryOut = z.object({
  id: z.number().int(),
  slug: z.string(),
  url: z.string().meta({ description: 'The reader page.' }),
  apiUrl: z.string(),
  number: z.string(),
  type: TermOut,
  issuer: TermOut,
  field: TermOut.nullable(),
  signer: z.string(),
  issuedOn: z.string(),
  effectiveOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  summary: z.string(),
  status: z.enum(LEGAL_STATUSES).meta({ description: 'Legal status today in Vietnam, from the dates.' }),
  state: z.enum(ARTICLE_STATUSES).meta({ description: 'Publication state, as articles\' status.' }),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  files: z.array(FileOut),
}).meta({ id: 'DocumentSummary' });

export const DocumentOut = DocumentSummaryOut.extend({
  body: z.string().meta({ description: 'Markdown.' }),
  html: z.string().meta({ description: 'Sanitized HTML rendered from body.' }),
  relations: z.array(z.object({
    kind: z.enum(DOCUMENT_RELATIONS),
    direction: z.enum(['outgoing', 'incoming']).meta({ description: 'outgoing: this document replaces/amends/is guided by the other; incoming: the other one does so to this.' }),
    number: z.string(), slug: z.string(), summary: z.string(), url: z.string(),
  })),
}).meta({ id: 'Document' });

export const DocumentListOut = z.object({
  items: z.array(DocumentSummaryOut),
  next: z.string().nullable(),
  nextUrl: z.string().nullable(),
}).meta({ id: 'DocumentList' });
