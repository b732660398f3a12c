import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('has the tables', async () => {
  const r = await env.DB.prepare("select count(*) as n from sqlite_master where type='table' and name='articles'").first<{ n: number }>();
  expect(r?.n).toBe(1);
});
