// Comparing a revision with the article as it is now: a field-by-field table and a line diff of the
// Markdown body (the `diff` package, bounded in time so a huge body cannot stall the Worker).
import { diffLines } from 'diff';
import { formatVietnamDateTime } from '../../functions/content/dates.ts';
import type { Snapshot } from '../../functions/data/revisions.ts';
import { FIELD_NAME, STATUS_LABEL } from './strings.ts';

export interface FieldRow {
  field: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

function statusText(status: string, publishedAt: string | null, now: Date): string {
  if (status === 'published' && publishedAt && Date.parse(publishedAt) > now.getTime()) return STATUS_LABEL.scheduled;
  return STATUS_LABEL[status as keyof typeof STATUS_LABEL] ?? status;
}

/** The fields of two snapshots side by side, in the form's order. */
export function fieldRows(before: Snapshot, after: Snapshot, categoryName: (id: number) => string, now: Date): FieldRow[] {
  const date = (iso: string | null) => (iso ? formatVietnamDateTime(new Date(iso)) : '');
  const rows: [string, string, string][] = [
    ['title', before.title, after.title],
    ['slug', before.slug, after.slug],
    ['summary', before.summary, after.summary],
    ['category', categoryName(before.categoryId), categoryName(after.categoryId)],
    ['tags', before.tags.join(', '), after.tags.join(', ')],
    ['byline', before.byline, after.byline],
    ['cover', before.cover?.key ?? '', after.cover?.key ?? ''],
    ['coverCaption', before.cover?.caption ?? '', after.cover?.caption ?? ''],
    ['coverAlt', before.cover?.alt ?? '', after.cover?.alt ?? ''],
    ['status', statusText(before.status, before.publishedAt, now), statusText(after.status, after.publishedAt, now)],
    ['publishedAt', date(before.publishedAt), date(after.publishedAt)],
  ];
  const label: Record<string, string> = { ...FIELD_NAME, coverCaption: 'Chú thích ảnh', coverAlt: 'Mô tả ảnh' };
  return rows.map(([field, b, a]) => ({ field, label: label[field] ?? field, before: b, after: a, changed: a !== b }));
}

/** Line by line, from `before` to `after`; null when the texts are too different to diff quickly. */
export function bodyDiff(before: string, after: string, timeoutMs = 250): DiffLine[] | null {
  const changes = diffLines(before, after, { timeout: timeoutMs });
  if (!changes) return null;
  const lines: DiffLine[] = [];
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const parts = change.value.replace(/\n$/, '').split('\n');
    for (const text of parts) lines.push({ kind, text });
  }
  return lines;
}
