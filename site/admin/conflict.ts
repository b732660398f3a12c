// Two versions of the form side by side (the saved one and the editor's), for the conflict page.
import type { ArticleFormValues } from './article-form.ts';
import { LABEL } from './strings.ts';

export interface CompareRow {
  label: string;
  theirs: string;
  yours: string;
  changed: boolean;
}

export function compareValues(theirs: ArticleFormValues, yours: ArticleFormValues, categoryName: (slug: string) => string): CompareRow[] {
  const rows: [string, string, string][] = [
    [LABEL.title, theirs.title, yours.title],
    [LABEL.slug, theirs.slug, yours.slug || '(tự tạo từ tiêu đề)'],
    [LABEL.summary, theirs.summary, yours.summary],
    [LABEL.category, categoryName(theirs.category), categoryName(yours.category)],
    [LABEL.tags, theirs.tags, yours.tags],
    [LABEL.byline, theirs.byline, yours.byline],
    [LABEL.coverFile, theirs.coverKey, yours.coverKey],
    [LABEL.coverCaption, theirs.coverCaption, yours.coverCaption],
    [LABEL.coverAlt, theirs.coverAlt, yours.coverAlt],
    [LABEL.publishAt, theirs.publishAt, yours.publishAt],
  ];
  return rows.map(([label, t, y]) => ({ label, theirs: t, yours: y, changed: t.trim() !== y.trim() }));
}
