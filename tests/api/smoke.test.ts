import { expect, it } from 'vitest';
import { call, freshCategory, postArticle, writeToken } from '../support/api.ts';

it('creates and reads an article', async () => {
  const category = await freshCategory();
  const token = await writeToken();
  const { article } = await postArticle(token, { title: 'Đồng Hỷ tổ chức hội nghị', category, body: 'Xin chào **bạn**', status: 'published', tags: ['Đồng Hỷ', 'Hội nghị'] });
  expect(article.slug).toBe('dong-hy-to-chuc-hoi-nghi');
  const res = await call(`/api/v1/articles/${article.slug}`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const list = await call(`/api/v1/articles?category=${category}`);
  expect(list.status, await list.clone().text()).toBe(200);
  console.log(text, await list.text());
});
