// What a layout profile of legacy HTML pages says (CSS selectors for title, date, body, byline, images,
// category, visits), checked when read, and where profiles come from: built-in by name or a JSON file.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import congThongTin from './cong-thong-tin.json' with { type: 'json' };
import { openPage, type PageDocument } from '../sources/pages-dom.ts';

const selector = z.string().trim().min(1).max(500);

const profileSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** A page is of this layout when it has an element matching this selector. */
  match: selector,
  title: selector,
  /** The element holding the publish date (its datetime/content attribute, else its text). */
  date: selector,
  /**
   * How the date is written, with YYYY MM DD HH mm ss tokens (anything else literal), e.g.
   * "YYYY-MM-DD HH:mm:ss" or "DD/MM/YYYY HH:mm"; without it the usual ways are tried.
   */
  dateFormat: z.string().trim().min(1).max(100).optional(),
  body: selector,
  /**
   * The byline: the LAST non-empty element matching `selector` (e.g. the body's last paragraph), taken
   * only if its text matches `pattern` (a regular expression) when given; it leaves the body.
   */
  byline: z.strictObject({ selector, pattern: z.string().min(1).max(500).optional() }).optional(),
  /** Images of the body (default "img"); `caption`: the element right after an image's block that holds its caption. */
  images: z.strictObject({ selector: selector.optional(), caption: selector.optional() }).optional(),
  /** Breadcrumb links: the last one (not the home link, not the title) is the item's category. */
  category: selector.optional(),
  /** The element holding "Tổng truy cập: N" (or only the number). */
  visits: selector.optional(),
  /** Widgets removed from the body (share, print, related links). */
  remove: z.array(selector).max(50).optional(),
});

export type PageProfile = z.infer<typeof profileSchema>;

/** Profiles known by name; a page matching one of them uses it when no --profile is given. */
export const BUILT_IN_PROFILES: readonly PageProfile[] = [profileSchema.parse(congThongTin)];

/** A profile given by the user that cannot be used: the message says which and why. */
export class ProfileError extends Error {}

/** Every selector of a profile with its field's path, as a message names it. */
function selectorsOf(p: PageProfile): [string, string][] {
  const out: [string, string][] = [['match', p.match], ['title', p.title], ['date', p.date], ['body', p.body]];
  if (p.byline) out.push(['byline.selector', p.byline.selector]);
  if (p.images?.selector) out.push(['images.selector', p.images.selector]);
  if (p.images?.caption) out.push(['images.caption', p.images.caption]);
  if (p.category) out.push(['category', p.category]);
  if (p.visits) out.push(['visits', p.visits]);
  p.remove?.forEach((css, i) => out.push([`remove.${i}`, css]));
  return out;
}

let probe: PageDocument | null = null;
/** Whether the DOM the pages are read with accepts the selector: checked on load, not mid-run on the first page. */
function isSelector(css: string): boolean {
  probe ??= openPage('<!doctype html><title></title><p></p>').document;
  try {
    probe.querySelector(css);
    return true;
  } catch {
    return false;
  }
}

/** Parses a profile (a JSON file's content), with a message naming the wrong field. */
export function parseProfile(json: unknown, where: string): PageProfile {
  const result = profileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ProfileError(`${where}: ${issue?.path.join('.') || 'profile'}: ${issue?.message ?? 'invalid'}`);
  }
  const bad = selectorsOf(result.data).find(([, css]) => !isSelector(css));
  if (bad) throw new ProfileError(`${where}: ${bad[0]}: not a CSS selector this reader understands: ${bad[1]}`);
  if (result.data.byline?.pattern !== undefined) {
    try {
      new RegExp(result.data.byline.pattern, 'u');
    } catch {
      throw new ProfileError(`${where}: byline.pattern: not a valid regular expression`);
    }
  }
  return result.data;
}

/** `--profile NAME`: a built-in profile's name, else a path to a JSON profile file. */
export function loadProfile(nameOrPath: string): PageProfile {
  const builtIn = BUILT_IN_PROFILES.find((p) => p.name === nameOrPath);
  if (builtIn) return builtIn;
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch {
    const names = BUILT_IN_PROFILES.map((p) => p.name).join(', ');
    throw new ProfileError(`${nameOrPath}: neither a built-in profile (${names}) nor a readable JSON file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileError(`${nameOrPath}: not valid JSON`);
  }
  return parseProfile(json, nameOrPath);
}
