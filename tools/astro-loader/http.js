// The loader's HTTP: JSON GETs with If-None-Match, a time limit, a bounded retry of 429/5xx and network
// failures (honouring Retry-After), and errors that name the URL, so a build fails clearly, never empty.

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Attempts per request: the first and up to three retries. */
const ATTEMPTS = 4;
/** A Retry-After longer than this is not waited out: the build fails instead of hanging. */
const MAX_WAIT_MS = 60_000;
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export class BientapLoaderError extends Error {
  constructor(message) {
    super(`[@bientap/astro-loader] ${message}`);
    this.name = 'BientapLoaderError';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date (RFC 9110 10.2.3); else doubling from 0.5 s (0.5, 1, 2). */
function waitBefore(retry, response) {
  const header = response?.headers.get('retry-after');
  if (header) {
    const seconds = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
    if (Number.isFinite(seconds)) return Math.max(0, seconds);
  }
  return 500 * 2 ** retry;
}

/** The problem+json detail of a refusal, or its first bytes: what the API said is the useful part. */
async function reasonOf(response) {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text);
    if (problem && typeof problem.detail === 'string') return problem.detail;
    if (problem && typeof problem.title === 'string') return problem.title;
  } catch {
    // not JSON: quote it
  }
  return text.slice(0, 200).trim() || response.statusText;
}

/**
 * GET url as JSON. With `etag`, a 304 answers `{ notModified: true }`. `count` is called once per request
 * sent (retries included), for the build's log line. A request that outlasts `timeoutMs` (body included)
 * fails the build at once: retrying a server that hangs would only multiply the wait.
 */
export async function getJson(url, { etag, count, timeoutMs = DEFAULT_TIMEOUT_MS }) {
  const headers = { accept: 'application/json', 'user-agent': '@bientap/astro-loader' };
  if (etag) headers['if-none-match'] = etag;
  let failure = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let response;
    count();
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = () => new BientapLoaderError(`GET ${url}: no answer within ${timeoutMs / 1000} s.`);
    try {
      response = await fetch(url, { headers, signal });
    } catch (error) {
      if (error?.name === 'TimeoutError') throw timedOut();
      failure = `${error?.cause?.code ?? error?.message ?? error}`;
      if (attempt + 1 < ATTEMPTS) await sleep(waitBefore(attempt));
      continue;
    }
    if (response.status === 304 && etag) return { notModified: true };
    if (response.ok) {
      const text = await response.text().catch((error) => {
        throw error?.name === 'TimeoutError' ? timedOut() : new BientapLoaderError(`GET ${url}: the answer was cut off (${error?.message ?? error}).`);
      });
      try {
        return { notModified: false, json: JSON.parse(text), etag: response.headers.get('etag') };
      } catch {
        throw new BientapLoaderError(`GET ${url} answered ${response.status} with a body that is not JSON (${JSON.stringify(text.slice(0, 80))}); is the url the CMS site's origin?`);
      }
    }
    if (RETRYABLE.has(response.status) && attempt + 1 < ATTEMPTS) {
      const wait = waitBefore(attempt, response);
      await response.body?.cancel();
      if (wait > MAX_WAIT_MS) {
        throw new BientapLoaderError(`GET ${url} answered ${response.status} and asks to wait ${Math.round(wait / 1000)} s (Retry-After); try the build later.`);
      }
      failure = `answered ${response.status}`;
      await sleep(wait);
      continue;
    }
    throw new BientapLoaderError(`GET ${url} answered ${response.status}: ${await reasonOf(response)}`);
  }
  throw new BientapLoaderError(`GET ${url} failed ${ATTEMPTS} times (last: ${failure}).`);
}
