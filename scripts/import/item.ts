// What every import source (WordPress WXR, legacy HTML pages / WARC, this CMS's own archive) yields, and
// what the runner (scripts/import/run.ts) turns into bulk API calls: one shape, so a source is only a
// reader and never talks to the CMS. Sources read; the runner converts bodies, uploads images, batches.

/** An image the source names: the runner reads its bytes through the source and stores it by sourceUrl. */
export interface SourceImage {
  /** Absolute URL as the old site served it (http(s)://old.example/...), or an archive-internal id. */
  url: string;
  alt: string;
  caption: string;
}

export interface SourceCategory {
  /** The source's slug (WordPress nicename) if it has one; else the runner derives it from the name. */
  slug: string | null;
  name: string;
  /** The parent's slug (two levels in this CMS: a grandchild is attached to its grandparent). */
  parentSlug: string | null;
}

/** One article or page read from a source. */
export interface SourceItem {
  kind: 'article' | 'page';
  /**
   * The item's identity in its source, stable across runs and machines: the WordPress GUID (or
   * "wxr:<site link>#<post id>" without one), the old page's absolute URL, "archive:<origin>#article:<id>".
   * At most 2,000 characters. A second run finds it on the server and changes nothing.
   */
  sourceKey: string;
  /** Where a reader found it (absolute URL), for the report; null if the source has no URL. */
  sourceUrl: string | null;
  /**
   * The old site's address when the source names it apart from sourceUrl (a WXR channel's <link>): links of the body to its host
   * (and to sourceUrl's) become site-relative, so the redirect table sends readers to the new URLs.
   */
  siteUrl?: string | null;
  /**
   * Old paths (with their query string if any, e.g. "/2024/03/hoi-nghi/" or "/?p=12") that must answer 301
   * to the new URL on the same host. Empty when the source has no URLs.
   */
  oldPaths: string[];
  title: string;
  /** A wanted slug (WordPress post_name); null: derived from the title by the server. */
  slug: string | null;
  /** Exactly one of the two: HTML from the source (converted by the runner) or Markdown as this CMS stores it. */
  bodyHtml: string | null;
  bodyMarkdown: string | null;
  summary: string;
  /** published | draft | review (pending) | scheduled (a future publish date). */
  status: 'published' | 'draft' | 'review' | 'scheduled';
  /** The publish instant; null: none was found (a problem for published/scheduled items). */
  publishedAt: Date | null;
  /** Articles only: null goes to the site's default category. */
  category: SourceCategory | null;
  tags: string[];
  /** The author's display name or the printed byline ("Lê Nguyệt (Trung tâm ...)"). */
  byline: string;
  cover: SourceImage | null;
  /**
   * Images of the body, by the URL written in bodyHtml/bodyMarkdown (resolved to absolute by the source),
   * so the runner can fetch them and rewrite the body's links to the stored copies.
   */
  images: SourceImage[];
  /** What the source found wrong with this item (no date, empty body, …): reported, item still tried. */
  warnings: string[];
}

/** Something a source could not turn into an item at all (a truncated file, a page with no title). */
export interface SourceProblem {
  kind: 'problem';
  /** Which file / record / URL. */
  where: string;
  message: string;
}

/** Site-wide facts a source found (a legacy page's "Tổng truy cập" box). */
export interface SourceFacts {
  kind: 'facts';
  /** The highest visit total seen: it becomes the site's starting total when higher than the site's. */
  visitTotal?: number;
}

export type SourceEntry = SourceItem | SourceProblem | SourceFacts;

/** Bytes of an image the source names, or why they cannot be read. */
export type ImageBytes = { ok: true; bytes: Uint8Array; filename: string } | { ok: false; reason: string };

/** A source: a stream of entries plus a way to read the images it names. */
export interface ImportSource {
  /** A label for the progress bar and the report ("WordPress export demo.xml"). */
  label: string;
  /** Total items if known before reading (for the progress bar's estimate); null if not. */
  count(): Promise<number | null>;
  entries(): AsyncIterable<SourceEntry>;
  image(url: string): Promise<ImageBytes>;
  close?(): Promise<void>;
}
