// /api/v1/openapi.json against the route table and the zod schemas that validate: the document must
// list exactly what the Worker answers and describe the bodies it really accepts.
import { describe, expect, it } from 'vitest';
import { ArticleCreate, ArticlePatch, ListQuery } from '../../functions/api/schemas.ts';
import { ImportArticle } from '../../functions/import/schemas.ts';
import { ARTICLE_STATUSES } from '../../functions/data/article-types.ts';
import { routes } from '../../functions/routes.ts';
import { call, freshCategory, getJson, jsonInit, ORIGIN, writeToken } from '../support/api.ts';
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
      if (route.auth === 'write' || route.auth === 'import' || route.auth === 'restore') {
        expect(op.security, `${route.method} ${route.path}`).toEqual([{ [route.auth === 'restore' ? 'restoreKey' : 'bearer']: [] }]);
        expect(Object.keys(op.responses).some((s) => /^4/.test(s)), `${route.method} ${route.path} documents errors`).toBe(true);
      } else {
        expect(op.security, `${route.method} ${route.path}`).toBeUndefined();
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
