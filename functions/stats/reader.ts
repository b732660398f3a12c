// Who is a reader, and which requests count as a page view. No raw IP or User-Agent leaves this file.
import { isbot } from 'isbot';
import { vietnamDay } from '../content/dates.ts';

/**
 * A reader's identity for one Vietnam day: SHA-256 of a secret salt, the day, IP and User-Agent.
 * The day in the hash rotates the identity daily, so no identifier lives longer than a day.
 */
export async function readerId(request: Request, salt: string, now: Date): Promise<string> {
  // In production Cloudflare sets CF-Connecting-IP; wrangler dev sets it to the local client address.
  const ip = request.headers.get('CF-Connecting-IP') ?? '';
  const ua = request.headers.get('User-Agent') ?? '';
  const bytes = new TextEncoder().encode(`${salt}\u0000${vietnamDay(now)}\u0000${ip}\u0000${ua}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Paths that are never reader pages, whatever they return. */
const NOT_PAGES = /^\/(?:api|admin|media|xem-truoc|_astro|assets)(?:\/|$)|\.(?:json|xml|txt|ico|png|jpe?g|webp|avif|gif|svg|css|js|map|woff2?)$/i;

function isPrefetch(request: Request): boolean {
  const purpose = `${request.headers.get('Sec-Purpose') ?? ''} ${request.headers.get('Purpose') ?? ''} ${request.headers.get('X-Moz') ?? ''}`;
  return /prefetch|prerender/i.test(purpose);
}

/** A reader's HTML page view: GET, 200, HTML, not a bot, not a prefetch, not admin/API/feeds/media/assets. */
export function isCountedView(request: Request, response: Response): boolean {
  if (request.method !== 'GET' || response.status !== 200) return false;
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html')) return false;
  if (NOT_PAGES.test(new URL(request.url).pathname)) return false;
  return isCountedReader(request);
}

/** A person's browser asking for itself: not a prefetch, not a bot (also the rule of document downloads). */
export function isCountedReader(request: Request): boolean {
  if (isPrefetch(request)) return false;
  // Every browser sends a User-Agent; a request without one is a script.
  const ua = request.headers.get('User-Agent') ?? '';
  return ua !== '' && !isBotAgent(ua);
}

/** isbot's pattern is long; readers share a few hundred User-Agents, so each is tested once per isolate. */
const agents = new Map<string, boolean>();
const AGENTS_MAX = 1024;

function isBotAgent(ua: string): boolean {
  let bot = agents.get(ua);
  if (bot === undefined) {
    bot = isbot(ua);
    if (agents.size >= AGENTS_MAX) agents.clear();
    agents.set(ua, bot);
  }
  return bot;
}
