// /api/v1/openapi.json against the route table and the zod schemas that validate: the document must
// list exactly what the Worker answers and describe the bodies it really accepts.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeRoutes } from '../../functions/api/openapi.ts';
import { ArticleCreate, ArticlePatch, ListQuery } from '../../functions/api/schemas.ts';
import { ImportArticle } from '../../functions/import/schemas.ts';
import { ARTICLE_STATUSES } from '../../functions/data/article-types.ts';
import { routes, type Route } from '../../functions/routes.ts';
import { auth, call, freshCategory, getJson, jsonInit, ORIGIN, postArticle, readToken, unique, writeToken } from '../support/api.ts';
import { putImage } from './media-images.ts';

type Json = Record<string, any>;

async function openApi(): Promise<Json> {
  return (await getJson<Json>('/api/v1/openapi.json')).body;
}

/** Follows a local JSON pointer ("#/a/b") from the document root, as OpenAPI 3.1 tools do. */
function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node && typeof node === 'object' ? (node as Json)[key] : undefined;
  }
  return node;
}

/** Every $ref in the document with where it sits. */
function refs(node: unknown, at = '#'): { at: string; ref: string }[] {
  if (!node || typeof node !== 'object') return [];
  const out: { at: string; ref: string }[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
    else out.push(...refs(v, `${at}/${k}`));
  }
  return out;
}

/** The schema a $ref names: from the document root, or else from $defs carried next to it. */
function resolve(doc: Json, schema: Json): Json {
  if (typeof schema.$ref !== 'string') return schema;
  const fromRoot = pointer(doc, schema.$ref);
  if (fromRoot) return fromRoot as Json;
  const local = pointer(schema, schema.$ref);
  if (!local) throw new Error(`cannot resolve ${schema.$ref}`);
  return local as Json;
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('/api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1.0 document served like every other read', async () => {
    const { res, body } = await getJson<Json>('/api/v1/openapi.json');
    expect(res.headers.get('Content-Type')).toMatch(/^application\/(vnd\.oai\.openapi\+)?json\b/);
    expect(res.headers.get('ETag')).toMatch(/^"[^"]+"$/);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(body.openapi).toBe('3.1.0');
    expect(body.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(body.servers).toEqual([{ url: ORIGIN }]);
    expect(body.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes exactly the operations of the route table, no more and no fewer', async () => {
    const doc = await openApi();
    const documented = Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
      Object.keys(ops as Json).filter((k) => ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(k)).map((m) => `${m.toUpperCase()} ${path}`));
    const routed = routes.map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(routed.filter((r) => r.includes('/api/v1/')).length).toBeGreaterThanOrEqual(8);
    expect([...documented].sort()).toEqual([...routed].sort());
  });

  it('declares every path parameter, and bearer auth and If-Match where the route table asks for them', async () => {
    const doc = await openApi();
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)][route.method.toLowerCase()] as Json;
      const params = (op.parameters ?? []) as Json[];
      for (const [, name] of route.path.matchAll(/:(\w+)/g)) {
        expect(params.find((p) => p.in === 'path' && p.name === name), `${route.method} ${route.path} :${name}`).toMatchObject({ required: true });
      }
      if (route.auth !== 'public') {
        expect(op.security, `${route.method} ${route.path}`).toEqual([{ [route.auth === 'restore' ? 'restoreKey' : 'bearer']: [] }]);
        expect(Object.keys(op.responses).some((s) => /^4/.test(s)), `${route.method} ${route.path} documents errors`).toBe(true);
      } else if (route.doc?.statuses?.includes(401)) {
        // A public read that checks a token it is given (drafts): anonymous or bearer.
        expect(op.security, `${route.method} ${route.path}`).toEqual([{}, { bearer: [] }]);
      } else {
        expect(op.security, `${route.method} ${route.path}`).toEqual([]);
      }
      const ifMatch = params.find((p) => p.in === 'header' && p.name === 'If-Match');
      // Changes to a resource an editor may also change need its ETag; DELETE /import/token revokes the caller's own token.
      if (route.auth === 'write' && (route.method === 'PATCH' || route.method === 'DELETE')) expect(ifMatch, `${route.method} ${route.path}`).toMatchObject({ required: true });
    }
  });

  it('documents the bulk import endpoints: bearer auth, ?site, and the item schema the validator enforces', async () => {
    const doc = await openApi();
    const imports = routes.filter((r) => r.auth === 'import' && r.path.startsWith('/api/v1/import/'));
    expect(imports.map((r) => r.path.split('/').at(-1)).sort()).toEqual(['articles', 'categories', 'known', 'media', 'pages', 'token', 'visits']);
    for (const route of imports) {
      const op = doc.paths[openApiPath(route.path)][route.method.toLowerCase()] as Json;
      expect(op.tags).toEqual(['import']);
      expect((op.parameters as Json[]).some((p) => p.in === 'query' && p.name === 'site'), route.path).toBe(true);
    }
    const articles = doc.paths['/api/v1/import/articles'].post as Json;
    expect((articles.parameters as Json[]).map((p) => p.name)).toContain('dry-run');
    const batch = resolve(doc, articles.requestBody.content['application/json'].schema as Json);
    const item = resolve(doc, batch.properties.items.items as Json);
    expect(Object.keys(item.properties).sort()).toEqual(Object.keys(ImportArticle.shape).sort());
    expect(item.additionalProperties).toBe(false);
    expect(batch.properties.items.maxItems).toBe(25);
  });

  it('documents the list query parameters of the ListQuery schema', async () => {
    const doc = await openApi();
    const params = (doc.paths['/api/v1/articles'].get.parameters as Json[]).filter((p) => p.in === 'query');
    expect(params.map((p) => p.name).sort()).toEqual(Object.keys(ListQuery.shape).sort());
    for (const p of params) expect(p.required, p.name).toBe(false);
  });

  it('has only $refs that resolve from the document root', async () => {
    // OpenAPI 3.1 resolves "#/..." against the whole document; $defs nested inside a media type are not the root.
    const doc = await openApi();
    const broken = refs(doc).filter(({ ref }) => pointer(doc, ref) === undefined);
    expect(broken, JSON.stringify(broken.slice(0, 5), null, 1)).toEqual([]);
  });

  it('gives POST /api/v1/articles the ArticleCreate body: its fields, title and category required, nothing else allowed', async () => {
    const doc = await openApi();
    const body = doc.paths['/api/v1/articles'].post.requestBody as Json;
    expect(body.required).toBe(true);
    const schema = resolve(doc, body.content['application/json'].schema as Json);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ArticleCreate.shape).sort());
    expect([...schema.required].sort()).toEqual(['category', 'title']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.status.enum).toEqual([...ARTICLE_STATUSES]);
    expect(schema.properties.title.maxLength).toBe(300);
  });

  it('gives PATCH the ArticlePatch body: the same fields, none required, nothing else allowed', async () => {
    const doc = await openApi();
    const op = doc.paths['/api/v1/articles/{slug}'].patch as Json;
    const schema = resolve(doc, op.requestBody.content['application/json'].schema as Json);
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ArticlePatch.shape).sort());
    expect(schema.required ?? []).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('puts no `default` in any request-direction schema (generators would type the field as required): it is told in the description', async () => {
    // openapi-typescript 7 (defaultNonNullable, on by default) types a property with a `default` in a component
    // as always present, also in request bodies: `{ title, category }` would not type-check as an ArticleCreate.
    const doc = await openApi();
    const seen = new Set<string>();
    const found: string[] = [];
    const walk = (schema: unknown, at: string): void => {
      if (!schema || typeof schema !== 'object') return;
      if (Array.isArray(schema)) return schema.forEach((s, i) => walk(s, `${at}/${i}`));
      const node = schema as Json;
      if (typeof node.$ref === 'string' && !seen.has(node.$ref)) seen.add(node.$ref), walk(pointer(doc, node.$ref), node.$ref);
      if ('default' in node) found.push(at);
      for (const [k, v] of Object.entries(node)) {
        if (['properties', 'patternProperties', '$defs', 'dependentSchemas'].includes(k)) {
          for (const [name, sub] of Object.entries(v as Json)) walk(sub, `${at}/${k}/${name}`);
        } else if (['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'anyOf', 'oneOf', 'allOf', 'prefixItems'].includes(k)) walk(v, `${at}/${k}`);
      }
    };
    let requests = 0;
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Json)) {
        for (const p of (op.parameters ?? []) as Json[]) walk(p.schema, `${method} ${path} ${p.name}`), requests++;
        for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Json)) walk(media.schema, `${method} ${path} ${type}`), requests++;
      }
    }
    expect(requests).toBeGreaterThan(20);
    expect(found).toEqual([]);
    const create = resolve(doc, doc.paths['/api/v1/articles'].post.requestBody.content['application/json'].schema as Json);
    expect(create.properties.status.description).toMatch(/Default: "draft"\.$/);
  });

  it('agrees with the validator: every documented field is accepted, an undocumented one refused', async () => {
    const doc = await openApi();
    const schema = resolve(doc, doc.paths['/api/v1/articles'].post.requestBody.content['application/json'].schema as Json);
    const category = await freshCategory();
    const token = await writeToken();
    const full: Record<string, unknown> = {
      title: 'Đủ mọi trường', slug: `du-moi-truong-${Date.now().toString(36)}`, summary: 'Tóm tắt', body: 'Nội dung',
      category, tags: ['Thẻ'], byline: 'Phóng viên', cover: { key: await putImage('2024/03/b.jpg'), alt: 'Ảnh', caption: 'Chú thích' },
      status: 'published', publishAt: '2024-03-08T09:43:00+07:00',
    };
    expect(Object.keys(full).sort()).toEqual(Object.keys(schema.properties).sort());
    const ok = await call('/api/v1/articles', jsonInit('POST', token, full));
    expect(ok.status, await ok.clone().text()).toBe(201);
    const refused = await call('/api/v1/articles', jsonInit('POST', token, { title: 'x', category, notDocumented: true }));
    expect(refused.status).toBe(422);
  });
});

/**
 * The $refs a schema reaches without passing through an object's properties or an array's items: what a
 * code generator must resolve to know the schema's own type (a cycle of these has no type at all).
 */
function bareRefs(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const schema = node as Json;
  const out: string[] = typeof schema.$ref === 'string' ? [schema.$ref] : [];
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of (schema[key] ?? []) as unknown[]) out.push(...bareRefs(sub));
  for (const key of ['not', 'if', 'then', 'else']) out.push(...bareRefs(schema[key]));
  return out;
}

/** The first cycle of bare references among components, as the names along it, or null. */
function bareCycle(components: Json): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, trail: string[]): string[] | null => {
    if (state.get(name) === 'open') return [...trail, name];
    if (state.get(name) === 'done') return null;
    state.set(name, 'open');
    for (const ref of bareRefs(components[name])) {
      const next = ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : null;
      const cycle = next === null ? null : visit(next, [...trail, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return null;
  };
  for (const name of Object.keys(components)) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return null;
}

const operations = (doc: Json) => Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
  Object.entries(ops as Json).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op: op as Json })));

describe('/api/v1/openapi.json: named schemas, as code generators read them', () => {
  it('defines every component as a schema (none only a reference to itself, no cycle of bare references), and every $ref resolves', async () => {
    const doc = await openApi();
    const components = doc.components.schemas as Json;
    expect(refs(doc).filter(({ ref }) => pointer(doc, ref) === undefined)).toEqual([]);
    for (const [name, schema] of Object.entries(components)) {
      expect(bareRefs(schema), name).not.toContain(`#/components/schemas/${name}`);
    }
    expect(bareCycle(components)).toBeNull();
    // Problem (the answer of every error) is the object problemResponse writes, not a pointer to one.
    expect(components.Problem).toMatchObject({ type: 'object', required: ['type', 'title', 'status', 'detail'] });
    expect(Object.keys(components.Problem.properties).sort()).toEqual(['detail', 'errors', 'instance', 'status', 'title', 'type']);
  });

  it('finds a self-reference and a cycle of bare references (the walk above can fail)', () => {
    expect(bareCycle({ Problem: { $ref: '#/components/schemas/Problem' } })).toEqual(['Problem', 'Problem']);
    expect(bareCycle({ A: { anyOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] }, B: { $ref: '#/components/schemas/A' } })).toEqual(['A', 'B', 'A']);
    // Through an object's property it is an ordinary recursive type (a tree), not a cycle.
    expect(bareCycle({ Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } } })).toBeNull();
  });

  const row = (method: Route['method'], path: string, doc: Route['doc']): Route =>
    ({ method, path, auth: 'public', handler: async () => new Response(), doc }) as Route;

  it('names a schema whose request variant differs from its answer twice (X, XInput), each use pointing at its own', () => {
    const Inner = z.object({ note: z.string().default('') }).meta({ id: 'TestInner' });
    const Thing = z.object({ name: z.string(), inner: Inner }).meta({ id: 'TestThing' });
    const Same = z.strictObject({ n: z.number() }).meta({ id: 'TestSame' });
    const doc = describeRoutes([
      row('POST', '/things', { tag: 'meta', summary: 'in', body: z.object({ thing: Thing, same: Same }), response: z.object({ thing: Thing, same: Same }) }),
    ]);
    const components = doc.components.schemas as Json;
    expect(Object.keys(components).sort()).toEqual(['Problem', 'TestInner', 'TestInnerInput', 'TestSame', 'TestThing', 'TestThingInput']);
    const op = doc.paths['/things'].post as Json;
    expect(op.requestBody.content['application/json'].schema.properties.thing).toEqual({ $ref: '#/components/schemas/TestThingInput' });
    expect(op.requestBody.content['application/json'].schema.properties.same).toEqual({ $ref: '#/components/schemas/TestSame' });
    expect(op.responses['200'].content['application/json'].schema.properties.thing).toEqual({ $ref: '#/components/schemas/TestThing' });
    // TestThing reads the same both ways but holds TestInner, which does not: its request variant points at TestInnerInput.
    expect(components.TestThingInput.properties.inner).toEqual({ $ref: '#/components/schemas/TestInnerInput' });
    expect(components.TestThing.properties.inner).toEqual({ $ref: '#/components/schemas/TestInner' });
    expect(components.TestInner.required).toEqual(['note']);
    expect(components.TestInnerInput.required ?? []).toEqual([]);
    // The default stays in the answer's schema; the request's says it in words (no `default` keyword there).
    expect(components.TestInner.properties.note.default).toBe('');
    expect(components.TestInnerInput.properties.note).toEqual({ type: 'string', description: 'Default: "".' });
  });

  it('refuses two different schemas under one name instead of keeping either silently', () => {
    const A = z.object({ a: z.string() }).meta({ id: 'TestClash' });
    const B = z.object({ b: z.number() }).meta({ id: 'TestClash' });
    expect(() => describeRoutes([
      row('GET', '/a', { tag: 'meta', summary: 'a', response: A }),
      row('GET', '/b', { tag: 'meta', summary: 'b', response: B }),
    ])).toThrow(/TestClash/);
    // One in a request, the other in an answer: converted apart, still refused (not named TestClash and TestClashInput).
    expect(() => describeRoutes([row('POST', '/c', { tag: 'meta', summary: 'c', body: A, response: B })])).toThrow(/TestClash/);
  });
});

describe('/api/v1/openapi.json: every response an operation can give', () => {
  const problemAt = (op: Json, status: string) => op.responses[status]?.content?.['application/problem+json']?.schema;

  it('gives each operation its success, 404 and 5XX, with every error as problem+json of schema Problem', async () => {
    const doc = await openApi();
    for (const { at, op } of operations(doc)) {
      const statuses = Object.keys(op.responses);
      expect(statuses.filter((s) => /^2/.test(s)), at).toHaveLength(1);
      expect(statuses, at).toEqual(expect.arrayContaining(['404', '5XX']));
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        expect(problemAt(op, status), `${at} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
        expect(op.responses[status].description, `${at} ${status}`).toMatch(/\w/);
      }
    }
  });

  it('derives the error statuses from the row: token kinds 401/403 (restore 401), If-Match 412/428, bodies 413/415/422, queries and bodies 400', async () => {
    const doc = await openApi();
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)][route.method.toLowerCase()] as Json;
      const has = (s: string) => s in op.responses;
      const at = `${route.method} ${route.path}`;
      if (route.auth === 'restore') expect([has('401'), has('403')], at).toEqual([true, false]);
      else if (route.auth !== 'public') expect([has('401'), has('403')], at).toEqual([true, true]);
      if (route.auth === 'write' && route.method !== 'POST') expect([has('412'), has('428')], at).toEqual([true, true]);
      if (route.doc?.body || route.doc?.requestType) expect(['400', '413', '415', '422'].filter(has), at).toEqual(['400', '413', '415', '422']);
      if (route.doc?.query) expect(has('400'), at).toBe(true);
      if (route.method === 'GET' && route.auth === 'public') {
        expect(op.responses['304'], at).toBeDefined();
        expect(Object.entries(op.responses as Json).find(([s]) => /^2/.test(s))![1].headers?.ETag, at).toBeDefined();
      }
    }
  });

  it('documents the 301 from a former slug with its Location, and the headers of a create', async () => {
    const doc = await openApi();
    expect(doc.paths['/api/v1/articles/{slug}'].get.responses['301'].headers.Location).toBeDefined();
    expect(doc.paths['/api/v1/pages/{slug}'].get.responses['301'].headers.Location).toBeDefined();
    const created = doc.paths['/api/v1/articles'].post.responses['201'];
    expect(Object.keys(created.headers).sort()).toEqual(['ETag', 'Idempotent-Replayed', 'Location']);
    expect(created.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Article' });
  });

  it('answers only statuses it documents: a sample of real requests', async () => {
    const doc = await openApi();
    const token = await writeToken();
    const reader = await readToken();
    const category = await freshCategory();
    const { article, etag } = await postArticle(token, { title: 'Trả lời đã mô tả', category, status: 'published' });
    const articlePath = `/api/v1/articles/${article.slug}`;
    const cases: [string, string, Promise<Response>][] = [
      ['get', '/api/v1/articles', call('/api/v1/articles?limit=0')],
      ['get', '/api/v1/articles', call('/api/v1/articles', { headers: auth('khong-phai-ma') })],
      ['get', '/api/v1/articles/{slug}', call('/api/v1/articles/khong-co-bai-nay')],
      ['get', '/api/v1/articles/{slug}', call(articlePath, { headers: { 'If-None-Match': (await call(articlePath)).headers.get('ETag')! } })],
      ['post', '/api/v1/articles', call('/api/v1/articles', jsonInit('POST', null, { title: 'x', category }))],
      ['post', '/api/v1/articles', call('/api/v1/articles', jsonInit('POST', reader, { title: 'x', category }))],
      ['post', '/api/v1/articles', call('/api/v1/articles', { method: 'POST', headers: { ...auth(token), 'Content-Type': 'application/json' }, body: '{"title":' })],
      ['post', '/api/v1/articles', call('/api/v1/articles', { method: 'POST', headers: { ...auth(token), 'Content-Type': 'text/plain' }, body: 'x' })],
      ['post', '/api/v1/articles', call('/api/v1/articles', jsonInit('POST', token, { title: '', category }))],
      ['post', '/api/v1/articles', call('/api/v1/articles', jsonInit('POST', token, { title: 'x', category }, { 'Idempotency-Key': 'hai tu' }))],
      ['post', '/api/v1/articles', call('/api/v1/articles', jsonInit('POST', token, { title: 'Trùng', slug: article.slug, category }))],
      ['patch', '/api/v1/articles/{slug}', call(articlePath, jsonInit('PATCH', token, { title: 'y' }))],
      ['patch', '/api/v1/articles/{slug}', call(articlePath, jsonInit('PATCH', token, { title: 'y' }, { 'If-Match': '"cu"' }))],
      ['delete', '/api/v1/articles/{slug}', call(`/api/v1/articles/${unique('khong-co')}`, { method: 'DELETE', headers: { ...auth(token), 'If-Match': etag } })],
    ];
    const seen: string[] = [];
    for (const [method, path, pending] of cases) {
      const res = await pending;
      seen.push(String(res.status));
      expect(Object.keys(doc.paths[path][method].responses), `${method} ${path} answered ${res.status}`).toContain(String(res.status));
    }
    expect(seen).toEqual(['400', '401', '404', '304', '401', '403', '400', '415', '422', '400', '409', '428', '412', '404']);
  });

  it('has unique URL-safe operationIds, described tags, a licence, a contact and servers of the site asked', async () => {
    const doc = await openApi();
    const ids = operations(doc).map(({ op }) => op.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    const used = new Set(operations(doc).flatMap(({ op }) => op.tags as string[]));
    expect((doc.tags as Json[]).map((t) => t.name).sort()).toEqual([...used].sort());
    for (const tag of doc.tags as Json[]) expect(tag.description, tag.name).toMatch(/\w{3}/);
    expect(doc.info.license).toMatchObject({ name: expect.any(String), identifier: expect.any(String) });
    expect(doc.info.contact).toEqual({ name: expect.any(String), url: `${ORIGIN}/` });
  });
});
