// Reading a JSON request body safely: size cap, strict UTF-8, JSON syntax, then schema validation.
import type { z } from 'zod';
import { HttpError, type FieldError } from './problem.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

async function readCapped(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  // Content-Length can be absent (chunked) or wrong: count what actually arrives.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

const tooLarge = () =>
  new HttpError(413, 'body-too-large', `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MB).`);

export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get('Content-Type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const bytes = await readCapped(request);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid-utf8', 'The request body is not valid UTF-8.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'malformed-json', `The request body is not valid JSON: ${(e as Error).message}`);
  }
  return validate(schema, data, 'body');
}

export function validate<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query'): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    // Unknown keys are reported one per key, so a client sees exactly which field to remove.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'Unknown field.' }));
    }
    return [{ field: base || '(root)', message: issue.message }];
  });
  const status = where === 'query' ? 400 : 422;
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw new HttpError(status, where === 'query' ? 'invalid-query' : 'validation-failed', `Invalid ${where}: ${summary}`, { errors });
}
