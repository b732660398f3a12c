// The R2 objects an export holds, by site: the media library's objects (copies included) and the document
// files (with their text layers). Named in the archive relative to the site: a media key as /media/<key>
// serves it ("2026/11/x.jpg"), a document file by its own key ("documents/<siteId>/2026/11/x.pdf").
import { mediaObjectKey } from '../media/object-key.ts';

export interface ExportObject {
  siteId: number;
  /** The name within the site (what media/<siteId>/<key> in the archive holds). */
  key: string;
  size: number;
  /** The object's Content-Type and Cache-Control as stored (media: the sniffed type; files: theirs). */
  contentType: string | null;
  cacheControl: string | null;
  /** What upload.ts and copies.ts wrote (width, height, widths, uploadedAt...): pages and the sweep read it. */
  customMetadata: Record<string, string>;
}

const DOCUMENTS = 'documents/';
const YEAR_PREFIX = /^\d{4}\/$/;

/** The R2 key of a site's exported object (the inverse of the listing's naming). */
export const objectKeyOf = (siteId: number, key: string): string =>
  key.startsWith(DOCUMENTS) ? key : mediaObjectKey(siteId, key);

/** Whether a name can be an exported object of that site. */
export function isSiteObjectName(siteId: number, key: string): boolean {
  if (key.includes('..') || key.startsWith('/')) return false;
  if (key.startsWith(DOCUMENTS)) return key.startsWith(`${DOCUMENTS}${siteId}/`);
  return /^\d{4}\//.test(key);
}

/**
 * The R2 prefixes holding a site's objects, in order. The first site's media has no prefix (the one-site
 * deployment's keys), so its year folders are found with one delimited listing instead of listing all.
 */
async function prefixesOf(bucket: R2Bucket, siteId: number): Promise<string[]> {
  const documents = `${DOCUMENTS}${siteId}/`;
  if (siteId !== 1) return [documents, `sites/${siteId}/`].sort();
  const years: string[] = [];
  let cursor: string | undefined;
  do {
    const listed = await bucket.list({ delimiter: '/', ...(cursor ? { cursor } : {}) });
    years.push(...listed.delimitedPrefixes.filter((p) => YEAR_PREFIX.test(p)));
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  return [documents, ...years].sort();
}

/** Where a listing goes on: the site, its prefix and R2's cursor in it. */
export interface MediaCursor {
  site: number;
  prefix: string;
  r2?: string;
}

/**
 * One page of the objects of the given sites (ids ascending), after `after`. At most `limit` objects,
 * one R2 list call per prefix reached.
 */
export async function listExportObjects(
  bucket: R2Bucket, siteIds: number[], after: MediaCursor | null, limit: number,
): Promise<{ objects: ExportObject[]; next: MediaCursor | null }> {
  const sites = [...siteIds].sort((a, b) => a - b).filter((s) => !after || s >= after.site);
  const objects: ExportObject[] = [];
  for (const siteId of sites) {
    const prefixes = (await prefixesOf(bucket, siteId)).filter((p) => !after || siteId > after.site || p >= after.prefix);
    for (const prefix of prefixes) {
      let r2 = after && after.site === siteId && after.prefix === prefix ? after.r2 : undefined;
      after = null;
      do {
        const listed = await bucket.list({ prefix, limit: limit - objects.length, include: ['httpMetadata', 'customMetadata'], ...(r2 ? { cursor: r2 } : {}) });
        for (const o of listed.objects) {
          const key = prefix.startsWith('sites/') ? o.key.slice(prefix.length) : o.key;
          objects.push({
            siteId, key, size: o.size, contentType: o.httpMetadata?.contentType ?? null, cacheControl: o.httpMetadata?.cacheControl ?? null,
            customMetadata: o.customMetadata ?? {},
          });
        }
        r2 = listed.truncated ? listed.cursor : undefined;
        if (objects.length >= limit) return { objects, next: r2 ? { site: siteId, prefix, r2 } : nextAfter(sites, siteId, prefixes, prefix) };
      } while (r2);
    }
  }
  return { objects, next: null };
}

/** The cursor that starts after a finished prefix: the site's next prefix, else the next site. */
function nextAfter(sites: number[], siteId: number, prefixes: string[], prefix: string): MediaCursor | null {
  const i = prefixes.indexOf(prefix);
  if (i + 1 < prefixes.length) return { site: siteId, prefix: prefixes[i + 1]! };
  const j = sites.indexOf(siteId);
  return j + 1 < sites.length ? { site: sites[j + 1]!, prefix: '' } : null;
}
