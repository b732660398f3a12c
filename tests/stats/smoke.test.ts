import { expect, it } from 'vitest';
import { call } from '../support/api.ts';

it('counts a page view', async () => {
  const before = await (await call('/api/v1/stats')).json() as { totalVisits: number };
  const page = await call('/', { headers: { 'CF-Connecting-IP': '203.0.113.7', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130' } });
  const html = await page.text();
  console.log(page.status, [...page.headers], html.match(/data-stat="\w+">[^<]*/g));
  const after = await (await call('/api/v1/stats')).json() as { totalVisits: number };
  console.log(before, after);
  expect(after.totalVisits).toBe(before.totalVisits + 1);
});
