// Which hosts a response links to: every absolute URL in a body or header, by origin, minus the
// standard namespaces and documentation that bodies name on purpose.
const THIRD_PARTY = new Set([
  'https://jsonfeed.org', 'http://www.sitemaps.org', 'http://purl.org', 'https://bientap.dev', 'http://www.w3.org',
  'https://schema.org', 'https://github.com', 'https://validator.w3.org', 'https://www.rssboard.org',
  // The OpenAPI document's example of a webhook receiver's URL (functions/api/webhook-schemas.ts).
  'https://hooks.example.com',
]);

export function originsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/https?:\/\/[^\s"'<>;,)\\]+/g)].map((m) => new URL(m[0]).origin))];
}

/** Origins in `text` other than `ours` and the standard ones: must be empty for anything the CMS builds. */
export const foreignLinks = (text: string, ours: string): string[] => originsIn(text).filter((o) => o !== ours && !THIRD_PARTY.has(o));

/** A response as text with its headers, so links in Link / Location count too. */
export async function withHeaders(res: Response): Promise<string> {
  return `${await res.text()}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
}
