// Images stored before the media library existed (or put by scripts) become library items as the
// orphan sweep walks the bucket: an original with no row that CURRENT content uses (a cover, a body, a
// gallery, a logo; trashed items included) is registered from what R2 holds (size, type, the pixel size
// and copies in its metadata) and the alt text and caption the content gives it. One used only by old
// revisions (what a replace leaves behind) is not an item: the sweep keeps it while they reference it.
// An unused one is not registered either: the sweep deletes it after its grace period, as before.
import { database } from '../data/db.ts';
import { knownTextOf, registerMedia, registeredKeys } from '../data/media-library.ts';
import { referencedMediaKeys } from '../data/media-references.ts';
import { originalKeyOf } from './copy-keys.ts';
import { fieldsOfObject } from './library.ts';
import { mediaOfObject } from './object-key.ts';

export async function registerExisting(env: { DB: D1Database }, objects: R2Object[], at: Date): Promise<{ siteId: number; key: string }[]> {
  const db = database(env.DB);
  const originals = new Map<number, R2Object[]>();
  for (const object of objects) {
    const media = mediaOfObject(object.key);
    if (!media || originalKeyOf(media.key) !== media.key) continue;
    originals.set(media.siteId, [...(originals.get(media.siteId) ?? []), object]);
  }
  const done: { siteId: number; key: string }[] = [];
  for (const [siteId, list] of originals) {
    const keyOf = (o: R2Object) => mediaOfObject(o.key)!.key;
    const known = await registeredKeys(db, siteId, list.map(keyOf));
    const missing = list.filter((o) => !known.has(keyOf(o)));
    if (missing.length === 0) continue;
    const used = await referencedMediaKeys(db, siteId, missing.map(keyOf), { revisions: false, library: false });
    for (const object of missing.filter((o) => used.has(keyOf(o)))) {
      const key = keyOf(object);
      const uploaded = Date.parse(object.customMetadata?.['uploadedAt'] ?? '');
      await registerMedia(db, siteId, {
        ...fieldsOfObject(object, key), ...(await knownTextOf(db, siteId, key)),
        createdAt: new Date(Number.isFinite(uploaded) ? uploaded : Math.min(object.uploaded.getTime(), at.getTime())),
      });
      done.push({ siteId, key });
    }
  }
  return done;
}
