// What an export request may read: one site (the token's, or ?site=HOST's for an all-sites token) or, with
// ?scope=all and an all-sites token, the whole deployment; secrets only for an all-sites token. Cursors too.
import type { ImportCaller } from '../http/auth.ts';
import { HttpError } from '../http/problem.ts';
import type { Cursor, ExportScope } from './tables.ts';

export interface ExportRequest {
  scope: ExportScope;
  withSecrets: boolean;
}

export function exportRequestOf(request: Request, caller: ImportCaller): ExportRequest {
  const params = new URL(request.url).searchParams;
  const all = params.get('scope') === 'all';
  if (params.has('scope') && !all) throw new HttpError(400, 'invalid-scope', 'scope takes one value: all (every site, accounts included).');
  if (all && params.has('site')) throw new HttpError(400, 'invalid-scope', 'Give ?site=HOST (one site) or ?scope=all (every site), not both.');
  const withSecrets = params.get('secrets') === '1';
  if ((all || withSecrets) && !caller.allSites) {
    throw new HttpError(403, 'site-not-allowed', `The token "${caller.name}" is one site's: ${all ? 'every site' : 'secrets'} need a token made for all sites (--all-sites).`);
  }
  return { scope: all ? 'all' : { sites: [caller.site.id] }, withSecrets };
}

/** Whether the scope holds a site's rows and objects. */
export const inScope = (scope: ExportScope, siteId: number): boolean => scope === 'all' || scope.sites.includes(siteId);

/** A cursor as it travels in a URL: base64url of its JSON. */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The cursor a client sent back, or a 400: a cursor is only ever one this API gave. */
export function decodeCursor(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    throw new HttpError(400, 'invalid-cursor', 'The cursor is not one this API gave; start again without it.');
  }
}

/** A table page's cursor: the key values of its last row. */
export function tableCursorOf(text: string | null, keyLength: number): Cursor {
  const value = decodeCursor(text);
  if (value === null) return null;
  if (!Array.isArray(value) || value.length !== keyLength || value.some((v) => v !== null && typeof v !== 'string' && typeof v !== 'number')) {
    throw new HttpError(400, 'invalid-cursor', 'The cursor is not one this API gave for this table; start again without it.');
  }
  return value;
}
