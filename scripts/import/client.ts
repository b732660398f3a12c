// The CMS's bulk import endpoints (/api/v1/import/*) over HTTP, for the runner: bearer token, ?site=HOST, retries on 5xx and network errors (never on 4xx).

/** Answers the runner reads; shapes as the API's contract gives them (functions/import/). */
export interface KnownEntry { id: number; url?: string; key?: string }
export interface CategoryIn { slug: string | null; name: string; parentSlug: string | null }
export interface CategoryOut { slug: string; id: number; created: boolean }
export interface MediaOut { id: number; key: string; url: string; width: number; height: number; created: boolean }
export interface Problem { status: number; title: string; detail?: string }
export interface ItemOut {
  sourceKey: string;
  outcome: 'created' | 'unchanged' | 'failed' | 'would-create';
  id?: number;
  slug?: string;
  url?: string;
  problem?: Problem;
}

export interface ImportArticle {
  sourceKey: string;
  oldPaths: string[];
  title: string;
  slug: string | null;
  body: string;
  summary: string;
  status: 'published' | 'draft' | 'review' | 'scheduled';
  publishedAt: string | null;
  categorySlug: string | null;
  tags: string[];
  byline: string;
  cover: { key: string; alt: string; caption: string } | null;
}
export type ImportPage = Omit<ImportArticle, 'categorySlug' | 'tags' | 'byline' | 'cover'>;

/** A 4xx answer (problem+json): the request was refused and retrying will not help. */
export class ApiRefused extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(path: string, problem: Problem) {
    super(`${path}: ${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.status = problem.status;
    this.problem = problem;
  }
}

/** The server could not be reached, or kept failing (5xx) through every try. */
export class ApiUnavailable extends Error {}

export interface ClientOptions {
  /** http://127.0.0.1:8787 or https://cms.example.vn, no trailing slash. */
  base: string;
  token: string;
  /** Sent as ?site=HOST on every call (an all-sites token's choice of site). */
  site: string | null;
  /** Tries per request on a 5xx or a network error; default 3. */
  tries?: number;
  /** Wait before the second try (doubled for each next one); default 500 ms. */
  backoffMs?: number;
}

export const MAX_KNOWN_KEYS = 100;
export const MAX_BATCH_ITEMS = 25;

export class ImportClient {
  readonly options: ClientOptions;
  /** Time spent waiting for answers, summed over requests (they overlap when several are in flight). */
  serverSeconds = 0;
  constructor(options: ClientOptions) {
    this.options = options;
  }

  private url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(this.options.base + path);
    if (this.options.site) url.searchParams.set('site', this.options.site);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  }

  /** One call with retries; the body is made afresh for each try (a FormData or JSON text). */
  private async call<T>(path: string, makeBody: () => BodyInit, json: boolean, query: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const tries = this.options.tries ?? 3;
    const backoff = this.options.backoffMs ?? 500;
    let last = '';
    for (let attempt = 1; attempt <= tries; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 2)));
      const started = performance.now();
      let res: Response;
      try {
        res = await fetch(this.url(path, query), {
          method: 'POST',
          headers: { Authorization: `Bearer ${this.options.token}`, Accept: 'application/json', ...(json ? { 'Content-Type': 'application/json' } : {}) },
          body: makeBody(),
          redirect: 'manual',
        });
      } catch (error) {
        last = `cannot reach ${this.options.base}: ${(error as Error).cause ?? (error as Error).message}`;
        continue;
      }
      const text = await res.text();
      this.serverSeconds += (performance.now() - started) / 1000;
      if (res.status >= 500) {
        last = `${path}: the server answered ${res.status}`;
        continue;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiRefused(path, { status: res.status, title: 'Not JSON', detail: `the server answered ${res.status} with ${text.slice(0, 200)}` });
      }
      if (res.status >= 300) {
        const p = body as Partial<Problem>;
        throw new ApiRefused(path, { status: res.status, title: p.title ?? `HTTP ${res.status}`, ...(p.detail ? { detail: p.detail } : {}) });
      }
      return { status: res.status, body: body as T };
    }
    throw new ApiUnavailable(`${last} (${tries} tries)`);
  }

  private postJson<T>(path: string, payload: unknown, query: Record<string, string> = {}): Promise<T> {
    const text = JSON.stringify(payload);
    return this.call<T>(path, () => text, true, query).then((r) => r.body);
  }

  /** Which of the keys (sourceKeys, or image sourceUrls for media) the site already has; any number of keys, asked 100 at a time. */
  async known(kind: 'article' | 'page' | 'media', keys: string[]): Promise<Map<string, KnownEntry>> {
    const found = new Map<string, KnownEntry>();
    for (let i = 0; i < keys.length; i += MAX_KNOWN_KEYS) {
      const chunk = keys.slice(i, i + MAX_KNOWN_KEYS);
      const { known } = await this.postJson<{ known: Record<string, KnownEntry> }>('/api/v1/import/known', { kind, keys: chunk });
      for (const [k, v] of Object.entries(known)) found.set(k, v);
    }
    return found;
  }

  async categories(items: CategoryIn[]): Promise<CategoryOut[]> {
    const out: CategoryOut[] = [];
    for (let i = 0; i < items.length; i += 100) {
      const { items: got } = await this.postJson<{ items: CategoryOut[] }>('/api/v1/import/categories', { items: items.slice(i, i + 100) });
      out.push(...got);
    }
    return out;
  }

  async media(file: { bytes: Uint8Array; filename: string; mime: string }, meta: { sourceUrl: string; alt: string; caption: string }): Promise<MediaOut> {
    const form = () => {
      const f = new FormData();
      f.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mime }), file.filename);
      f.set('sourceUrl', meta.sourceUrl);
      f.set('alt', meta.alt);
      f.set('caption', meta.caption);
      f.set('filename', file.filename);
      return f;
    };
    return (await this.call<MediaOut>('/api/v1/import/media', form, false)).body;
  }

  async items(kind: 'article' | 'page', items: (ImportArticle | ImportPage)[], dryRun: boolean): Promise<ItemOut[]> {
    const path = kind === 'article' ? '/api/v1/import/articles' : '/api/v1/import/pages';
    const { items: out } = await this.postJson<{ items: ItemOut[] }>(path, { items }, dryRun ? { 'dry-run': '1' } : {});
    return out;
  }

  async visits(total: number): Promise<{ total: number; raised: boolean }> {
    return this.postJson('/api/v1/import/visits', { total });
  }

  /** DELETE /api/v1/import/token: this client's token is refused from now on (the CLI's run token, at the run's end). */
  async revokeToken(): Promise<void> {
    const res = await fetch(this.url('/api/v1/import/token'), { method: 'DELETE', headers: { Authorization: `Bearer ${this.options.token}`, Accept: 'application/json' } });
    const text = await res.text();
    if (res.status !== 204) throw new ApiRefused('/api/v1/import/token', { status: res.status, title: `HTTP ${res.status}`, detail: text.slice(0, 200) });
  }
}

/** Whether a CMS answers at base (its OpenAPI document), for "start the CMS first". */
export async function serverAnswers(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/api/v1/openapi.json`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
