// What the audit log records, by name (stored in audit_log.action); their Vietnamese labels are in
// site/admin/strings.ts (AUDIT_ACTION).
export const AUDIT_ACTIONS = [
  'sign-in', 'sign-in.failed', 'sign-out', 'second-factor.failed',
  'article.published', 'article.scheduled', 'article.unpublished', 'article.archived', 'article.deleted', 'article.restored',
  'article.submitted', 'article.returned',
  'document.published', 'document.scheduled', 'document.unpublished', 'document.archived', 'document.deleted', 'document.restored',
  'document.returned',
  'page.published', 'page.unpublished', 'page.deleted', 'page.restored',
  'role.changed', 'token.created', 'token.revoked', 'trash.purged', 'site.created', 'site.archived', 'site.unarchived',
  'audit.retention-changed', 'media.replaced', 'media.deleted',
  'redirect.created', 'redirect.changed', 'redirect.deleted',
  'webhook.created', 'webhook.changed', 'webhook.deleted', 'webhook.redelivered',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

/** The audit action of a content write, from the step its revision records (null: not an audited step). */
export function contentAuditAction(kind: 'article' | 'document' | 'page', step: string): AuditAction | null {
  const action = `${kind}.${step}`;
  return isAuditAction(action) ? action : null;
}
