// A mistake the generated types must catch: a misspelt field of an article ("titel"). Type-checked on its
// own (tsconfig.wrong.json); the check must fail and name the property.
import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

const api = createClient<paths>({ baseUrl: 'http://127.0.0.1' });
const { data } = await api.GET('/api/v1/articles');
for (const item of data?.items ?? []) console.log(item.titel);
