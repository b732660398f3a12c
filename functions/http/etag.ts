// Strong ETags computed from the exact bytes sent, and the conditional-request rules around them.

const encoder = new TextEncoder();

export async function strongEtag(body: string | Uint8Array): Promise<string> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let bin = '';
  for (const b of digest.subarray(0, 18)) bin += String.fromCharCode(b);
  return `"${btoa(bin).replaceAll('+', '-').replaceAll('/', '_')}"`;
}

/** If-None-Match uses weak comparison (RFC 9110 13.1.2): W/"x" matches "x". */
export function noneMatch(request: Request, etag: string): boolean {
  const header = request.headers.get('If-None-Match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/** If-Match uses strong comparison: only the exact current tag allows the write. */
export function ifMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim() === etag);
}
