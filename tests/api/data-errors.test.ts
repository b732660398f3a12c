/// <reference types="vite/client" />
// The data layer speaks in domain errors, never HTTP: a foreign cursor and a cover naming no stored
// image are thrown as domain errors, and the one mapping (httpErrorOf) gives the API's statuses.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DomainError, InvalidCursor, InvalidFields } from '../../functions/articles/errors.ts';
import { decodeCursor, encodeCursor } from '../../functions/data/cursor.ts';
import { HttpError, problemResponse } from '../../functions/http/problem.ts';
import { assertCoverExists } from '../../functions/media/exists.ts';
import { firstSite } from '../support/api.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

describe('domain errors from the data layer', () => {
  it('a cursor the API did not make is InvalidCursor, a 400 invalid-cursor problem on `cursor`', async () => {
    expect(decodeCursor(encodeCursor({ publishedAt: -1, id: 7 }))).toEqual({ publishedAt: -1, id: 7 });
    for (const raw of ['', '!!', 'a'.repeat(201), btoa('[1,2,3]')]) {
      const error = (() => {
        try {
          decodeCursor(raw);
        } catch (e) {
          return e;
        }
      })();
      expect(error, raw).toBeInstanceOf(InvalidCursor);
      expect(error, raw).not.toBeInstanceOf(HttpError);
    }
    const res = problemResponse(new InvalidCursor(), new Request('http://cms.test/api/v1/articles?cursor=!!'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: 'https://bientap.dev/problems/invalid-cursor', status: 400,
      detail: 'The cursor is not one this API produced. Start again from the first page.',
      errors: [{ field: 'cursor', message: 'Invalid cursor.' }],
    });
  });

  it('a cover key naming no stored image is InvalidFields on cover.key, a 422 validation-failed problem', async () => {
    for (const key of ['a/../../admin/logout', `2026/11/${crypto.randomUUID().replaceAll('-', '')}.jpg`]) {
      const error = await assertCoverExists(env.MEDIA, SITE.id, { key }).then(() => null, (e: unknown) => e);
      expect(error, key).toBeInstanceOf(InvalidFields);
      expect((error as InvalidFields).errors).toEqual([{ field: 'cover.key', message: 'No uploaded image has this key.' }]);
      const res = problemResponse(error);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ type: 'https://bientap.dev/problems/validation-failed', errors: [{ field: 'cover.key' }] });
    }
    // The key the article already has is not asked again; no cover is no question.
    await expect(assertCoverExists(env.MEDIA, SITE.id, { key: 'x' }, 'x')).resolves.toBeUndefined();
    await expect(assertCoverExists(env.MEDIA, SITE.id, null)).resolves.toBeUndefined();
  });

  // Read as text: a module of the data layer that builds an HTTP error would be found here.
  const dataLayer = {
    ...import.meta.glob('../../functions/data/**/*.ts', { query: '?raw', import: 'default', eager: true }),
    ...import.meta.glob('../../functions/media/exists.ts', { query: '?raw', import: 'default', eager: true }),
  } as Record<string, string>;

  it('no data-layer module imports HttpError', () => {
    expect(Object.keys(dataLayer)).toContain('../../functions/data/cursor.ts');
    expect(Object.keys(dataLayer)).toContain('../../functions/media/exists.ts');
    expect(Object.entries(dataLayer).filter(([, text]) => /\bHttpError\b/.test(text)).map(([path]) => path)).toEqual([]);
    expect(new InvalidCursor()).toBeInstanceOf(DomainError);
  });
});
