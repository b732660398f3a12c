// The page form (/admin/trang/...): what the editor typed in both languages, kept verbatim so a refused
// form loses nothing, and its checks with Vietnamese messages at the fields. The write service checks
// again (slugs taken, English complete); this module only reads and validates what the browser sent.
import { measureMarkdown } from '../../functions/content/markdown-limits.ts';
import { isValidSlug } from '../../functions/content/slug.ts';
import type { SitePage } from '../../functions/data/pages-read.ts';
import type { PageInput } from '../../functions/data/pages-write.ts';
import type { EditAction } from './permissions.ts';
import { markdownTooComplexMessage, PAGES } from './strings.ts';
import { bodyAltProblem } from './body-alt.ts';
import { fromDatetimeLocal, toDatetimeLocal } from './vietnam-time.ts';

export const PAGE_FIELDS = ['title', 'slug', 'summary', 'body', 'slugEn', 'titleEn', 'summaryEn', 'bodyEn', 'publishAt'] as const;
export type PageField = (typeof PAGE_FIELDS)[number];
export type PageFormValues = Record<PageField | 'version', string>;
export type PageErrors = Partial<Record<PageField, string>>;

/** The element id of a field's input, and of its message. */
export const pageFieldId = (f: PageField) => `p-${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
export const pageErrorId = (f: PageField) => `${pageFieldId(f)}-loi`;

const ACTIONS: EditAction[] = ['save', 'schedule', 'publish', 'unpublish', 'archive', 'preview'];
export const LIMITS = { title: 300, summary: 2000, body: 500_000 } as const;

/** Browsers send a textarea's newlines as CRLF; stored text uses LF. */
const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : '';
};

export function readPageForm(form: FormData): { values: PageFormValues; action: EditAction | null } {
  const values = Object.fromEntries([...PAGE_FIELDS, 'version'].map((f) => [f, text(form, f)])) as PageFormValues;
  const action = text(form, 'action') as EditAction;
  return { values, action: ACTIONS.includes(action) ? action : null };
}

export const emptyPageValues = (): PageFormValues =>
  ({ title: '', slug: '', summary: '', body: '', slugEn: '', titleEn: '', summaryEn: '', bodyEn: '', publishAt: '', version: '' });

/** The form's values of a stored page, as a GET shows them. */
export const pageValuesOf = (p: SitePage): PageFormValues => ({
  title: p.title, slug: p.slug, summary: p.summary, body: p.bodyMarkdown, slugEn: p.slugEn ?? '', titleEn: p.titleEn,
  summaryEn: p.summaryEn, bodyEn: p.bodyMarkdownEn, publishAt: p.state === 'scheduled' ? toDatetimeLocal(p.publishedAt) : '', version: String(p.version),
});

export type ValidatedPage = Omit<PageInput, 'status' | 'publishAt' | 'slug'> & { slug: string | null; publishAt: Date | null };

export type PageValidation = { ok: true; data: ValidatedPage } | { ok: false; errors: PageErrors };

function bodyProblem(body: string): string | null {
  if (body.length > LIMITS.body) return PAGES.messages.bodyTooLong(LIMITS.body);
  const excess = measureMarkdown(body).excess;
  return excess ? markdownTooComplexMessage(excess) : bodyAltProblem(body);
}

export function validatePageForm(values: PageFormValues, action: EditAction, now: Date): PageValidation {
  const M = PAGES.messages;
  const errors: PageErrors = {};
  const clean = (s: string) => s.normalize('NFC').trim();
  const title = clean(values.title);
  if (!title) errors.title = M.titleRequired;
  else if (title.length > LIMITS.title) errors.title = M.titleTooLong(LIMITS.title);
  const slug = values.slug.trim();
  if (slug && !isValidSlug(slug)) errors.slug = M.slugInvalid;
  const summary = clean(values.summary);
  if (summary.length > LIMITS.summary) errors.summary = M.summaryTooLong(LIMITS.summary);
  const body = values.body.normalize('NFC');
  const bodyError = bodyProblem(body);
  if (bodyError) errors.body = bodyError;
  const slugEn = values.slugEn.trim();
  const titleEn = clean(values.titleEn);
  const summaryEn = clean(values.summaryEn);
  const bodyEn = values.bodyEn.normalize('NFC');
  if (slugEn) {
    if (!isValidSlug(slugEn)) errors.slugEn = M.slugEnInvalid;
    if (!titleEn) errors.titleEn = M.titleEnRequired;
    else if (titleEn.length > LIMITS.title) errors.titleEn = M.titleTooLong(LIMITS.title);
    if (!bodyEn.trim()) errors.bodyEn = M.bodyEnRequired;
    else {
      const enError = bodyProblem(bodyEn);
      if (enError) errors.bodyEn = enError;
    }
  } else if (titleEn || bodyEn.trim()) {
    // English typed without its address would be dropped on save: say so instead of losing it.
    errors.slugEn = M.englishWithoutSlug;
  }
  let publishAt: Date | null = null;
  if (action === 'schedule') {
    const at = fromDatetimeLocal(values.publishAt);
    if (!values.publishAt.trim()) errors.publishAt = M.publishAtRequired;
    else if (!at) errors.publishAt = M.publishAtInvalid;
    else if (at.getTime() <= now.getTime()) errors.publishAt = M.publishAtPast;
    else publishAt = at;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { title, slug: slug || null, summary, body, slugEn: slugEn || null, titleEn, summaryEn, bodyEn, publishAt } };
}
