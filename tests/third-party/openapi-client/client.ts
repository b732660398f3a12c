// A third party's client of a bientap-cms portal, as its README recipe writes one: types generated from
// the portal's /api/v1/openapi.json (openapi-typescript -> schema.d.ts), calls through openapi-fetch.
// Usage: node client.ts BASE_URL TOKEN  (prints a JSON summary of what it read and created)
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

type ArticleSummary = components['schemas']['ArticleSummary'];

const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) {
  console.error('usage: node client.ts BASE_URL TOKEN');
  process.exit(2);
}

const api = createClient<paths>({ baseUrl });

/** The error answers are problem+json: typed too, so a failure says what the API said. */
function fail(what: string, error: components['schemas']['Problem'] | undefined, response: Response): never {
  throw new Error(`${what}: ${response.status} ${error?.title ?? ''}: ${error?.detail ?? ''}`);
}

// The newest articles, three at a time, and the next page once.
const first = await api.GET('/api/v1/articles', { params: { query: { limit: '3' } } });
if (!first.data) fail('list', first.error, first.response);
const pages: ArticleSummary[][] = [first.data.items];
if (first.data.next !== null) {
  const second = await api.GET('/api/v1/articles', { params: { query: { limit: '3', cursor: first.data.next } } });
  if (!second.data) fail('next page', second.error, second.response);
  pages.push(second.data.items);
}

// One article in full, by its slug.
const newest = first.data.items[0];
if (!newest) throw new Error('the portal has no published article');
const one = await api.GET('/api/v1/articles/{slug}', { params: { path: { slug: newest.slug } } });
if (!one.data) fail('read', one.error, one.response);
const article = one.data;

// The visitor statistics.
const stats = await api.GET('/api/v1/stats');
if (!stats.data) fail('stats', stats.error, stats.response);

// A draft in the same category, with the token: only the required fields (status left to its default,
// draft; the generated types must not ask for a field the API fills in).
const created = await api.POST('/api/v1/articles', {
  headers: { Authorization: `Bearer ${token}` },
  body: { title: `Bản nháp từ ứng dụng ngoài ${Date.now()}`, category: article.category.slug },
});
if (!created.data) fail('create', created.error, created.response);

// A document draft of the newest document's type and issuer, again with only the required fields
// (field, signer, dates, body, status, relations and files all left to their defaults).
const documents = await api.GET('/api/v1/documents', { params: { query: { limit: '1' } } });
if (!documents.data) fail('documents', documents.error, documents.response);
const model = documents.data.items[0];
if (!model) throw new Error('the portal has no published document');
const document = await api.POST('/api/v1/documents', {
  headers: { Authorization: `Bearer ${token}` },
  body: { number: `${Date.now() % 100000}/TB-UDN`, type: model.type.slug, issuer: model.issuer.slug, issuedOn: '2024-03-15', summary: 'Văn bản nháp từ ứng dụng ngoài' },
});
if (!document.data) fail('create document', document.error, document.response);

console.log(JSON.stringify({
  pages: pages.map((items) => items.map((a) => a.slug)),
  read: { slug: article.slug, title: article.title, version: article.version, category: article.category.slug, words: article.bodyMarkdown.split(/\s+/).length },
  stats: { onlineNow: stats.data.onlineNow, totalVisits: stats.data.totalVisits, visitsToday: stats.data.visitsToday, pageViews: stats.data.pageViews, days: stats.data.days.length },
  draft: { slug: created.data.slug, status: created.data.status, version: created.data.version, location: created.response.headers.get('Location') },
  document: { slug: document.data.slug, state: document.data.state, files: document.data.files.length, relations: document.data.relations.length, field: document.data.field },
}));
