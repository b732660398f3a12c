// The article form: what the editor typed (kept verbatim, so a refused form loses nothing), and its
// validation by the API's own schemas (ArticleCreate / ArticlePatch), with messages in Vietnamese.
import type { z } from 'zod';
import { ArticleCreate, ArticlePatch } from '../../functions/api/schemas.ts';
import type { Article } from '../../functions/data/article-types.ts';
import type { EditAction } from './permissions.ts';
import { fromDatetimeLocal, toDatetimeLocal } from './vietnam-time.ts';
import type { MarkdownExcess } from '../../functions/content/markdown-limits.ts';
import { markdownTooComplexMessage } from './strings.ts';
import { bodyAltProblem } from './body-alt.ts';

export interface ArticleFormValues {
  title: string;
  slug: string;
  summary: string;
  /** Category slug. */
  category: string;
  /** Comma separated, as typed. */
  tags: string;
  body: string;
  coverKey: string;
  coverCaption: string;
  coverAlt: string;
  byline: string;
  /** datetime-local, Vietnam time. */
  publishAt: string;
  /** The version the form was loaded at ('' for a new article). */
  version: string;
}

export type FormField = Exclude<keyof ArticleFormValues, 'version' | 'coverKey'> | 'coverFile';
export type FieldErrors = Partial<Record<FormField, string>>;

/** Field order on the page: the first error in this order gets the focus. */
export const FIELD_ORDER: FormField[] = [
  'title', 'slug', 'summary', 'category', 'tags', 'body', 'coverFile', 'coverCaption', 'coverAlt', 'byline', 'publishAt',
];

/** The form's input names (also the element ids, prefixed). */
export const INPUT_NAME: Record<FormField | 'coverKey' | 'version' | 'coverRemove', string> = {
  title: 'title',
  slug: 'slug',
  summary: 'summary',
  category: 'category',
  tags: 'tags',
  body: 'body',
  coverFile: 'cover_file',
  coverKey: 'cover_key',
  coverCaption: 'cover_caption',
  coverAlt: 'cover_alt',
  coverRemove: 'cover_remove',
  byline: 'byline',
  publishAt: 'publish_at',
  version: 'version',
};

export const fieldId = (field: FormField) => `f-${INPUT_NAME[field].replaceAll('_', '-')}`;
export const errorId = (field: FormField) => `${fieldId(field)}-loi`;

export interface SubmittedForm {
  values: ArticleFormValues;
  action: EditAction | null;
  file: File | null;
  removeCover: boolean;
}

/** Browsers send a textarea's newlines as CRLF; the API (and so every stored body) uses LF. */
const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : '';
};

export function readArticleForm(form: FormData): SubmittedForm {
  const n = INPUT_NAME;
  const values: ArticleFormValues = {
    title: text(form, n.title),
    slug: text(form, n.slug),
    summary: text(form, n.summary),
    category: text(form, n.category),
    tags: text(form, n.tags),
    body: text(form, n.body),
    coverKey: text(form, n.coverKey),
    coverCaption: text(form, n.coverCaption),
    coverAlt: text(form, n.coverAlt),
    byline: text(form, n.byline),
    publishAt: text(form, n.publishAt),
    version: text(form, n.version),
  };
  const file = form.get(n.coverFile);
  const action = text(form, 'action');
  return {
    values,
    action: (['save', 'review', 'schedule', 'publish', 'unpublish', 'archive', 'preview'] as string[]).includes(action) ? (action as EditAction) : null,
    // A form posted with no file chosen still carries an empty, nameless part.
    file: typeof file === 'object' && file !== null && (file.size > 0 || file.name !== '') ? file : null,
    removeCover: text(form, n.coverRemove) === '1',
  };
}

export function valuesOf(article: Article): ArticleFormValues {
  return {
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    category: article.category.slug,
    tags: article.tags.map((t) => t.name).join(', '),
    body: article.bodyMarkdown,
    coverKey: article.cover?.key ?? '',
    coverCaption: article.cover?.caption ?? '',
    coverAlt: article.cover?.alt ?? '',
    byline: article.byline,
    publishAt: article.status === 'scheduled' ? toDatetimeLocal(article.publishedAt) : '',
    version: String(article.version),
  };
}

export function emptyValues(category = ''): ArticleFormValues {
  return {
    title: '', slug: '', summary: '', category, tags: '', body: '', coverKey: '', coverCaption: '', coverAlt: '',
    byline: '', publishAt: '', version: '',
  };
}

export const splitTags = (tags: string) => tags.split(/[,，;]/).map((t) => t.trim()).filter(Boolean);

const STATUS_OF: Partial<Record<EditAction, 'draft' | 'review' | 'scheduled' | 'published' | 'archived'>> = {
  review: 'review',
  schedule: 'scheduled',
  publish: 'published',
  unpublish: 'draft',
  archive: 'archived',
};

/** Vietnamese message per field, by what went wrong. */
function messageFor(field: FormField, code: string, maximum?: number): string {
  const max = maximum?.toLocaleString('vi-VN');
  switch (field) {
    case 'title':
      return code === 'too_big' ? `Tiêu đề dài tối đa ${max} ký tự.` : 'Vui lòng nhập tiêu đề.';
    case 'slug':
      return 'Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang đơn (tối đa 80 ký tự), ví dụ “dong-hy-ra-quan”.';
    case 'summary':
      return `Tóm tắt dài tối đa ${max} ký tự.`;
    case 'body':
      return `Nội dung quá dài (tối đa ${max} ký tự).`;
    case 'category':
      return 'Vui lòng chọn chuyên mục.';
    case 'tags':
      return code === 'too_big' && maximum === 20 ? 'Tối đa 20 từ khóa.' : 'Mỗi từ khóa dài tối đa 60 ký tự và cần có chữ hoặc số.';
    case 'byline':
      return `Dòng tác giả / nguồn dài tối đa ${max} ký tự.`;
    case 'coverCaption':
      return `Chú thích ảnh dài tối đa ${max} ký tự.`;
    case 'coverAlt':
      return code === 'too_big' ? `Mô tả ảnh dài tối đa ${max} ký tự.` : 'Vui lòng mô tả ảnh (bắt buộc khi có ảnh bìa).';
    case 'coverFile':
      return 'Ảnh bìa không hợp lệ. Vui lòng tải ảnh lại.';
    case 'publishAt':
      return 'Vui lòng chọn ngày và giờ đăng hợp lệ.';
  }
}

/** Where an API field path lands on the form. */
export function formFieldOf(path: string): FormField {
  const [head, sub] = path.split('.');
  if (head === 'cover') return sub === 'alt' ? 'coverAlt' : sub === 'caption' ? 'coverCaption' : 'coverFile';
  if (head === 'publishAt') return 'publishAt';
  if (head === 'categoryId') return 'category';
  return (FIELD_ORDER as string[]).includes(head ?? '') ? (head as FormField) : 'title';
}

export type ValidatedArticle = z.output<typeof ArticleCreate>;

export type Validation =
  | { ok: true; data: ValidatedArticle }
  | { ok: false; errors: FieldErrors };

/**
 * Validates the form for an action with the API's schema (the form and the API accept exactly the
 * same input). The schedule time must be in the future; the cover's alt text is required with an image.
 */
export function validateArticleForm(values: ArticleFormValues, action: EditAction, mode: 'create' | 'update', now: Date): Validation {
  const errors: FieldErrors = {};
  let publishAt: string | undefined;
  if (action === 'schedule') {
    const at = fromDatetimeLocal(values.publishAt);
    if (!values.publishAt.trim()) errors.publishAt = 'Vui lòng chọn ngày và giờ đăng để đặt lịch.';
    else if (!at) errors.publishAt = messageFor('publishAt', 'invalid');
    else if (at.getTime() <= now.getTime()) errors.publishAt = 'Thời điểm đăng phải sau thời điểm hiện tại.';
    else publishAt = at.toISOString();
  }
  const status = STATUS_OF[action] ?? (mode === 'create' ? 'draft' : undefined);
  const input = {
    title: values.title,
    ...(values.slug.trim() ? { slug: values.slug.trim() } : {}),
    summary: values.summary,
    body: values.body,
    category: values.category,
    tags: splitTags(values.tags),
    byline: values.byline,
    cover: values.coverKey ? { key: values.coverKey, caption: values.coverCaption, alt: values.coverAlt } : null,
    ...(status ? { status } : {}),
    ...(publishAt ? { publishAt } : {}),
  };
  const result = (mode === 'create' ? ArticleCreate : ArticlePatch).safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = formFieldOf(issue.path.map(String).join('.'));
      const maximum = 'maximum' in issue ? Number(issue.maximum) : undefined;
      const tooComplex = issue.code === 'custom' ? (issue.params as { markdownLimit?: MarkdownExcess } | undefined)?.markdownLimit : undefined;
      errors[field] ??= tooComplex ? markdownTooComplexMessage(tooComplex) : messageFor(field, issue.code, maximum);
    }
  }
  // After the schema: a body it refused (too long, too complex) is not parsed again.
  if (!errors.body) {
    const noAlt = bodyAltProblem(values.body);
    if (noAlt) errors.body = noAlt;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: result.data as ValidatedArticle };
}

/** The first field with an error, in page order: it gets the focus. */
export function firstErrorField(errors: FieldErrors): FormField | null {
  return FIELD_ORDER.find((f) => errors[f]) ?? null;
}
