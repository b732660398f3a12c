// GET /api/v1/openapi.json: OpenAPI 3.1 generated from the route table and the zod schemas that validate.
import { z } from 'zod';
import { siteOrigin } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { sendJson } from '../http/respond.ts';
import { routes, type Route } from '../routes.ts';
import { ProblemOut } from './schemas.ts';

/**
 * zod's JSON Schema for one schema, with the named sub-schemas ($defs, from `.meta({ id })`) moved to
 * components.schemas, where OpenAPI tools resolve references from the document root.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, unknown>): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema: _drop, $defs, ...rest } = JSON.parse(
    JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Record<string, unknown> & { $defs?: Record<string, unknown> };
  // Each named schema is used in one direction only (ArticleCreate/ArticlePatch in, the rest out): one entry per name.
  for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= def;
  return rest;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function operation(route: Route, components: Record<string, unknown>) {
  const doc = route.doc!;
  const parameters: unknown[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1], in: 'path', required: true, schema: { type: 'string' },
  }));
  if (doc.query) {
    const shape = (doc.query as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const [name, schema] of Object.entries(shape)) {
      parameters.push({ name, in: 'query', required: false, schema: jsonSchema(schema, 'input', components) });
    }
  }
  if (route.auth === 'write' && route.method !== 'POST') {
    parameters.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag of the article or document as last read.' });
  }
  for (const header of doc.headers ?? []) {
    parameters.push({ name: header.name, in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 }, description: header.description });
  }
  const responses: Record<string, unknown> = {
    [String(doc.status ?? 200)]: doc.response
      ? { description: doc.summary, content: { [doc.contentType ?? 'application/json']: { schema: jsonSchema(doc.response, 'output', components) } } }
      : { description: doc.contentType ? `${doc.summary} (${doc.contentType})` : doc.summary },
    '4XX': problem('A client error, described in problem+json (RFC 9457).'),
  };
  if (route.method === 'GET') responses['304'] = { description: 'Not modified (If-None-Match matched the ETag).' };
  return {
    summary: doc.summary,
    tags: [doc.tag],
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body, 'input', components) } } } } : {}),
    ...(route.auth === 'restore' ? { security: [{ restoreKey: [] }] } : route.auth !== 'public' ? { security: [{ bearer: [] }] } : {}),
    responses,
  };
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const pathsObject: Record<string, Record<string, unknown>> = {};
  const components: Record<string, unknown> = {};
  for (const route of routes) {
    if (!route.doc) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (pathsObject[path] ??= {})[route.method.toLowerCase()] = operation(route, components);
  }
  components['Problem'] = jsonSchema(ProblemOut, 'output', components);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'bientap-cms content API',
      version: '1.0.0',
      description: 'Published articles and categories of the portal, plus token-authenticated writes. Errors are application/problem+json.',
    },
    paths: pathsObject,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token: `npm run --silent token -- create --name NAME`.' },
        restoreKey: { type: 'apiKey', in: 'header', name: 'Restore-Key', description: 'The key POST /api/v1/restore/begin answered, for the remote restore it began.' },
      },
    },
  };
  return cached;
}

export const openapi: Handler = async (request, env) =>
  sendJson(request, { ...openApiDocument(), servers: [{ url: siteOrigin(request, env) }] });
