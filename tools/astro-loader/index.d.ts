// Types of @bientap/astro-loader (the package ships plain ESM JavaScript with these declarations).
import type { Loader } from 'astro/loaders';
import type { z } from 'astro/zod';

export interface SiteOptions {
  /** The CMS site's origin, e.g. "https://thainguyen.gov.vn": each site is its own host. http(s) only. */
  url: string;
  /** Items per list request, 1-100 (default 100: fewest requests). */
  limit?: number;
  /** Seconds a request may take, its body included (default 30); past it the build fails naming the URL. */
  timeout?: number;
}

export interface ArticleOptions extends SiteOptions {
  /** Only this category's articles (its slug); an unknown category fails the build. */
  category?: string;
  /** Only articles with this tag (its slug). */
  tag?: string;
}

export interface DocumentOptions extends SiteOptions {
  /** Document type slug, e.g. "quyet-dinh". */
  type?: string;
  /** Issuing body slug. */
  issuer?: string;
  /** Field (lĩnh vực) slug. */
  field?: string;
  /** Year of issue. */
  year?: number | string;
}

export type PageOptions = Omit<SiteOptions, 'limit'>;

/** An article entry's data: the API's GET /api/v1/articles/{slug} without `views`. */
export interface BientapArticle {
  id: number;
  slug: string;
  /** The reader page on the CMS site. */
  url: string;
  apiUrl: string;
  title: string;
  summary: string;
  byline: string;
  cover: { key: string; url: string; caption: string; alt: string } | null;
  category: { slug: string; name: string; url: string };
  tags: { slug: string; name: string }[];
  status: string;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  bodyMarkdown: string;
  /** Sanitized HTML (also the entry's rendered HTML: render(entry)). */
  html: string;
  images: { url: string; caption: string; alt: string; width: number | null; height: number | null; srcset: string }[];
}

export interface BientapTerm { slug: string; name: string; abbreviation: string }

/** A document entry's data: GET /api/v1/documents/{slug} without the files' download counts. */
export interface BientapDocument {
  id: number;
  slug: string;
  url: string;
  apiUrl: string;
  /** "125/QĐ-UBND" */
  number: string;
  type: BientapTerm;
  issuer: BientapTerm;
  field: BientapTerm | null;
  signer: string;
  /** Calendar dates, YYYY-MM-DD. */
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  /** The document's summary (trích yếu): its title. */
  summary: string;
  /** Legal status in Vietnam on the day of the build. */
  status: string;
  state: string;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  files: { url: string; name: string; size: number; contentType: string }[];
  body: string;
  html: string;
  relations: { kind: string; direction: string; number: string; slug: string; summary: string; url: string }[];
}

/** A page entry's data: GET /api/v1/pages/{slug}, both languages (the English fields null when it has none). */
export interface BientapPage {
  slug: string;
  title: string;
  url: string;
  slugEn: string | null;
  titleEn: string | null;
  urlEn: string | null;
  status: string;
  publishedAt: Date;
  updatedAt: Date;
  summary: string;
  body: string;
  html: string;
  summaryEn: string | null;
  bodyEn: string | null;
  htmlEn: string | null;
}

export declare const articleSchema: z.ZodType<BientapArticle>;
export declare const documentSchema: z.ZodType<BientapDocument>;
export declare const pageSchema: z.ZodType<BientapPage>;

export declare function bientapArticles(options: ArticleOptions): Loader & { schema: typeof articleSchema };
export declare function bientapDocuments(options: DocumentOptions): Loader & { schema: typeof documentSchema };
export declare function bientapPages(options: PageOptions): Loader & { schema: typeof pageSchema };

/** Every failure of the loader (bad url, a refusal of the API, not JSON): its message names the URL. */
export declare class BientapLoaderError extends Error {}
