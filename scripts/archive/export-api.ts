// The export CLI's side of /api/v1/export/*: GETs with the token (a refusal becomes a CommandError with
// the problem's detail), an object that may be gone (null), and the token revoking itself at the end.
import { CommandError } from '../cli.ts';

export class Api {
  readonly base: string;
  readonly token: string;
  readonly query: string;

  constructor(base: string, token: string, query: Record<string, string>) {
    this.base = base;
    this.token = token;
    this.query = new URLSearchParams(query).toString();
  }

  private send(path: string, extra: Record<string, string>, method = 'GET'): Promise<Response> {
    const q = [this.query, new URLSearchParams(extra).toString()].filter(Boolean).join('&');
    return fetch(`${this.base}${path}${q ? `?${q}` : ''}`, { method, headers: { Authorization: `Bearer ${this.token}` } }).catch((error: Error) => {
      throw new CommandError(`no CMS answers at ${this.base} (${error.message}).`);
    });
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    const res = await this.send(path, extra);
    if (!res.ok) throw await refusal(path, res);
    return res;
  }

  /** The same, but null for a 404 (an object deleted since a backup named it). */
  async getOrNull(path: string, extra: Record<string, string> = {}): Promise<Response | null> {
    const res = await this.send(path, extra);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw await refusal(path, res);
    return res;
  }

  /** DELETE /api/v1/import/token: this token is refused from now on. */
  async revokeToken(): Promise<void> {
    const res = await this.send('/api/v1/import/token', {}, 'DELETE');
    if (res.status !== 204) throw await refusal('/api/v1/import/token', res);
  }
}

/** A refused answer as what the CLI says: the path, the status and the problem's detail (else the start of the body). */
export async function refusal(path: string, res: Response): Promise<CommandError> {
  const text = await res.text();
  let detail = text.slice(0, 300);
  try {
    detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
  } catch { /* not problem+json */ }
  return new CommandError(`${path}: ${res.status} ${detail}`);
}

/** A streamed text answer, a chunk of text at a time (a backup's table may be hundreds of MB). */
export async function* textChunks(res: Response): AsyncIterable<string> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A streamed NDJSON answer, a parsed line at a time. */
export async function* ndjsonLines(res: Response, what: string): AsyncIterable<Record<string, unknown>> {
  let buffer = '';
  let n = 0;
  const parse = (line: string) => {
    n += 1;
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new CommandError(`${what} line ${n} is not JSON.`);
    }
  };
  for await (const text of textChunks(res)) {
    buffer += text;
    let at: number;
    while ((at = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      if (line !== '') yield parse(line);
    }
  }
  if (buffer !== '') yield parse(buffer);
}
