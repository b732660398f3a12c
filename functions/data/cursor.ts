// Keyset cursors for "newest first" lists: the (published_at, id) of the last item seen, opaque to clients.
import { InvalidCursor } from '../articles/errors.ts';

export interface Cursor {
  publishedAt: number;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return btoa(JSON.stringify([c.publishedAt, c.id])).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Throws InvalidCursor (400 on `cursor` through the API) for anything encodeCursor did not make. */
export function decodeCursor(raw: string): Cursor {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) throw new InvalidCursor();
  try {
    const value: unknown = JSON.parse(atob(raw.replaceAll('-', '+').replaceAll('_', '/')));
    if (
      Array.isArray(value) && value.length === 2 &&
      value.every((n) => Number.isSafeInteger(n)) &&
      // Instants before 1970 are fine (archives); beyond the range of Date they are not.
      Math.abs(value[0] as number) <= 8.64e15 && (value[1] as number) >= 0
    ) {
      return { publishedAt: value[0] as number, id: value[1] as number };
    }
  } catch {
    // fall through: any decoding failure is the same client error
  }
  throw new InvalidCursor();
}
