// GET /api/v1/openapi.json: OpenAPI 3.1 generated from the route table and the zod schemas that validate.
import { z } from 'zod';
import { siteOrigin } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';
import { routes, type Route } from '../routes.ts';
import { ProblemOut } from './schemas.ts';

type Json = Record<string, any>;

const COMPONENTS = '#/components/schemas/';

/** Each tag of the route table, described (a tag missing here fails the OpenAPI test and the lint). */
const TAGS: Record<string, string> = {
  articles: 'News articles: published ones for anyone, drafts and writes with a token of the site.',
  documents: 'The documents registry (văn bản): legal documents with their files and relations.',
  pages: 'Static pages (Giới thiệu, Cơ cấu tổ chức...), Vietnamese with an optional English version.',
  categories: 'Article categories, two levels, in menu order.',
  stats: 'Visitor statistics as the portal shows them ("Thống kê truy cập").',
  meta: 'This description of the API.',
  media: 'Uploaded images, served from storage and immutable.',
  import: 'Bulk import from an old portal (npm run import): a token with the import scope.',
  export: 'Export, backups and remote restore (npm run export / restore): a token with the import scope, then a Restore-Key.',
  webhooks: 'Webhooks of the site: URLs told about content changes (Standard Webhooks); a token with the admin scope.',
  feeds: 'JSON Feed, RSS, sitemaps and robots.txt for readers and crawlers.',
};

/** The problem+json answers, by status: what the API means by each (functions/http/problem.ts writes them). */
const PROBLEMS: Record<string, string> = {
  '400': 'Bad request: a body that is not UTF-8 JSON (or a readable form), or an invalid query parameter, cursor or header.',
  '401': 'No valid credentials: the token (or Restore-Key) is missing, unknown, revoked or another site\'s.',
  '403': 'The token lacks the scope this needs, or may not act on the site asked for.',
  '404': 'Nothing here: no such item, or this deployment serves no site at the host.',
  '409': 'Conflict with the current state: a slug taken, the site archived, a request with this Idempotency-Key still running, or what the summary names.',
  '412': 'If-Match does not match the current ETag: someone changed it since; read it again and reapply the change.',
  '413': 'The request body is too large.',
  '415': 'The request body\'s media type is not the one accepted (or its bytes are not of an accepted type).',
  '416': 'The Range asked for lies outside the file.',
  '422': 'The body is well-formed but invalid: `errors` names each field and why.',
  '428': 'If-Match is required: send the ETag last read, so a concurrent change is never overwritten.',
  '429': 'Too many requests: wait as Retry-After says.',
  '5XX': 'The server failed, or something it depends on is unavailable: retry later.',
};

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });
const ETAG = header('The representation\'s strong ETag: send it as If-None-Match to revalidate, as If-Match to change it.');
const LOCATION = header('The absolute URL of the resource.', { type: 'string', format: 'uri' });

/** Every zod schema an operation shows, under a unique slot name, for one direction (request or answer). */
type Slots = Record<string, z.ZodType>;

/** A route's slot names: its query, body and answer. */
const slot = (index: number, part: 'query' | 'body' | 'response') => `r${index}${part}`;

/** JSON Schema keywords whose value is a map of schemas, or a schema or a list of them (the rest is data). */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'anyOf', 'oneOf', 'allOf', 'prefixItems'];

/**
 * A request schema with each `default` moved into its description ("Default: <JSON>."). Generators read a
 * `default` as "always present": openapi-typescript 7 (defaultNonNullable, on unless told otherwise,
 * openapi-ts/openapi-typescript#2012) types such a field of a component as required, even in a request
 * body, so a body without `status` would not type-check although the API fills it in. Answers keep theirs.
 */
function defaultsInWords(node: unknown): any {
  if (Array.isArray(node)) return node.map(defaultsInWords);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'default') continue;
    if (SCHEMA_MAPS.includes(k) && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, defaultsInWords(sub)]));
    else out[k] = SCHEMA_VALUES.includes(k) ? defaultsInWords(v) : v;
  }
  if ('default' in node) {
    const said = `Default: ${JSON.stringify((node as Json).default)}.`;
    out.description = typeof out.description === 'string' ? `${out.description.replace(/\.?$/, '.')} ${said}` : said;
  }
  return out;
}

/**
 * All the slots of one direction in ONE zod conversion: zod emits every named schema (`.meta({ id })`)
 * once under $defs and every use of it as a $ref, and refuses two different schemas with one id;
 * `named` (shared by both directions) refuses them across directions too.
 */
function convert(slots: Slots, io: 'input' | 'output', named: Map<string, unknown>): { slots: Record<string, Json>; defs: Record<string, Json> } {
  const json = z.toJSONSchema(z.object(slots), {
    io, unrepresentable: 'any', target: 'draft-2020-12',
    override: ({ zodSchema }) => {
      const id = z.globalRegistry.get(zodSchema)?.id;
      if (typeof id !== 'string') return;
      if ((named.get(id) ?? zodSchema) !== zodSchema) throw new Error(`OpenAPI: two different schemas are named ${id}`);
      named.set(id, zodSchema);
    },
  }) as Json;
  const schema = io === 'input' ? defaultsInWords(json) : json;
  return { slots: schema.properties ?? {}, defs: schema.$defs ?? {} };
}

/** Every `$ref` to a $def rewritten to its component (under `rename`'s name where it has one). */
function relink(node: unknown, rename: Record<string, string>): any {
  if (Array.isArray(node)) return node.map((n) => relink(n, rename));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
      const name = v.slice('#/$defs/'.length);
      out[k] = COMPONENTS + (rename[name] ?? name);
    } else out[k] = relink(v, rename);
  }
  return out;
}

const refsIn = (node: unknown): string[] => JSON.stringify(node).match(/"#\/\$defs\/[^"]+"/g)?.map((r) => r.slice(9, -1)) ?? [];

/**
 * components.schemas from both directions. A named schema reads the same in and out (one entry), or its
 * request variant differs (defaults, transforms, strictness; or it refers to one that differs): then the
 * request variant is `<name>Input`, so no two different schemas ever share a component name.
 */
function mergeComponents(input: Record<string, Json>, output: Record<string, Json>) {
  const differs = new Set(Object.keys(input).filter((n) => n in output && JSON.stringify(input[n]) !== JSON.stringify(output[n])));
  for (let grew = true; grew;) {
    grew = false;
    for (const n of Object.keys(input)) {
      if (n in output && !differs.has(n) && refsIn(input[n]).some((r) => differs.has(r))) differs.add(n), grew = true;
    }
  }
  const rename: Record<string, string> = {};
  for (const n of differs) {
    if (`${n}Input` in input || `${n}Input` in output) throw new Error(`OpenAPI: ${n} differs in and out, and ${n}Input is taken`);
    rename[n] = `${n}Input`;
  }
  const components: Json = {};
  for (const [n, def] of Object.entries(output)) components[n] = relink(def, {});
  for (const [n, def] of Object.entries(input)) components[rename[n] ?? n] = relink(def, rename);
  return { components, rename };
}

/** Sends a token, as the route's auth kind says (a public read that checks a token it is given: optional). */
function securityOf(route: Route): Json[] {
  if (route.auth === 'restore') return [{ restoreKey: [] }];
  if (route.auth !== 'public') return [{ bearer: [] }];
  return route.doc!.statuses?.includes(401) ? [{}, { bearer: [] }] : [];
}

/** Changes to a resource an editor may also change carry its ETag (If-Match). */
const needsIfMatch = (route: Route) => route.auth === 'write' && route.method !== 'POST';

/** Auth kinds of a token with a scope (403 without it), and of those the ones that change content. */
const SCOPED: readonly string[] = ['write', 'import', 'admin'];
const CHANGES: readonly string[] = ['write', 'admin'];

/** The problem statuses an operation can give, from what its row declares (auth kind, method, body, params). */
function problemStatuses(route: Route): string[] {
  const doc = route.doc!;
  const s = new Set<number>([404]); // every request: a host this deployment does not serve (functions/index.ts)
  const hasBody = Boolean(doc.body || doc.requestType);
  if (doc.query || hasBody || doc.headers?.length) s.add(400);
  if (route.auth !== 'public') s.add(401);
  if (SCOPED.includes(route.auth)) s.add(403);
  if (CHANGES.includes(route.auth) && route.method !== 'GET') s.add(409); // slug taken, site archived
  if (hasBody) [413, 415, 422].forEach((n) => s.add(n));
  if (doc.headers?.some((h) => h.name === 'Idempotency-Key')) [409, 422].forEach((n) => s.add(n));
  if (needsIfMatch(route)) [412, 428].forEach((n) => s.add(n));
  for (const n of doc.statuses ?? []) if (n >= 400) s.add(n);
  return [...[...s].sort((a, b) => a - b).map(String), '5XX'];
}

function successResponse(route: Route, schema: Json | undefined): [string, Json] {
  const doc = route.doc!;
  const status = String(doc.status ?? 200);
  const headers: Json = {};
  if (route.method === 'GET' && route.auth === 'public') headers.ETag = ETAG;
  if (route.auth === 'write' && route.method !== 'DELETE' && schema) headers.ETag = ETAG;
  if (route.auth === 'write' && status === '201') headers.Location = LOCATION;
  if (doc.headers?.some((h) => h.name === 'Idempotency-Key')) {
    headers['Idempotent-Replayed'] = header('"true" when this is the stored answer of an earlier request with the same Idempotency-Key.', { type: 'string', enum: ['true'] });
  }
  const content = schema
    ? { [doc.contentType ?? 'application/json']: { schema } }
    : doc.contentType ? Object.fromEntries(doc.contentType.split(/,\s*/).map((type) => [type, {}])) : undefined;
  return [status, { description: doc.summary, ...(Object.keys(headers).length ? { headers } : {}), ...(status !== '204' && content ? { content } : {}) }];
}

function operation(route: Route, converted: { query?: Json; body?: Json; response?: Json }) {
  const doc = route.doc!;
  const parameters: Json[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1], in: 'path', required: true, schema: { type: 'string' },
  }));
  const query = converted.query;
  for (const [name, schema] of Object.entries((query?.properties ?? {}) as Json)) {
    parameters.push({ name, in: 'query', required: Boolean(query?.required?.includes(name)), schema });
  }
  if (needsIfMatch(route)) {
    parameters.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag of the item as last read.' });
  }
  for (const h of doc.headers ?? []) {
    parameters.push({ name: h.name, in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 }, description: h.description });
  }
  const [status, success] = successResponse(route, converted.response);
  const responses: Json = { [status]: success };
  if (doc.statuses?.includes(301)) {
    responses['301'] = { description: 'Moved: the slug asked for is a former one; Location gives the current URL.', headers: { Location: LOCATION } };
  }
  if (route.method === 'GET' && route.auth === 'public') responses['304'] = { description: 'Not modified: If-None-Match matched the ETag.', headers: { ETag: ETAG } };
  for (const code of problemStatuses(route)) {
    responses[code] = { description: PROBLEMS[code] ?? 'An error, described in problem+json (RFC 9457).', content: { 'application/problem+json': { schema: { $ref: `${COMPONENTS}Problem` } } } };
  }
  const requestBody = converted.body
    ? { required: true, content: { 'application/json': { schema: converted.body } } }
    : doc.requestType
      ? { required: true, content: { [doc.requestType]: { schema: doc.requestType === 'multipart/form-data' ? { type: 'object' } : { type: 'string', contentMediaType: doc.requestType } } } }
      : undefined;
  return {
    summary: doc.summary,
    tags: [doc.tag],
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    security: securityOf(route),
    responses,
  };
}

/** The document of a route table (the Worker's own in openApiDocument; tests pass others). */
export function describeRoutes(table: readonly Route[]): Json {
  const documented = table.map((route, index) => ({ route, index })).filter(({ route }) => route.doc);
  const inputs: Slots = {};
  const outputs: Slots = { problem: ProblemOut };
  for (const { route, index } of documented) {
    if (route.doc!.query) inputs[slot(index, 'query')] = route.doc!.query;
    if (route.doc!.body) inputs[slot(index, 'body')] = route.doc!.body;
    if (route.doc!.response) outputs[slot(index, 'response')] = route.doc!.response;
  }
  const named = new Map<string, unknown>();
  const input = convert(inputs, 'input', named);
  const output = convert(outputs, 'output', named);
  const { components, rename } = mergeComponents(input.defs, output.defs);
  const pathsObject: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const { route, index } of documented) {
    const op = operation(route, {
      query: relink(input.slots[slot(index, 'query')], rename),
      body: relink(input.slots[slot(index, 'body')], rename),
      response: relink(output.slots[slot(index, 'response')], {}),
    });
    if (operationIds.has(op.operationId)) throw new Error(`OpenAPI: two operations would be ${op.operationId}`);
    operationIds.add(op.operationId);
    (pathsObject[route.path.replace(/:(\w+)/g, '{$1}')] ??= {})[route.method.toLowerCase()] = op;
  }
  const tags = [...new Set(documented.map(({ route }) => route.doc!.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'bientap-cms content API',
      version: '1.0.0',
      description: 'Published articles, documents, pages and categories of the portal, plus token-authenticated writes, import, export and webhooks. Errors are application/problem+json (RFC 9457).',
      // No public licence has been chosen for the project yet: an SPDX LicenseRef names that plainly.
      license: { name: 'Proprietary (bientap-cms)', identifier: 'LicenseRef-bientap-cms' },
    },
    tags: tags.map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) })),
    paths: pathsObject,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token of the site, with the scope the operation needs (write, import or admin): `npm run --silent token -- create --name NAME`.' },
        restoreKey: { type: 'apiKey', in: 'header', name: 'Restore-Key', description: 'The key POST /api/v1/restore/begin answered, for the remote restore it began.' },
      },
    },
  };
}

let cached: Json | undefined;

/** Built once per isolate: the route table does not change while it runs. */
export function openApiDocument(): Json {
  return (cached ??= describeRoutes(routes));
}

/** The document as served: the site's own origin as the server, and as the contact. */
export const openapi: Handler = async (request, env) => {
  const doc = openApiDocument();
  const origin = siteOrigin(request, env);
  return sendJson(request, { ...doc, info: { ...doc.info, contact: { name: 'Ban biên tập', url: `${origin}/` } }, servers: [{ url: origin }] });
};
