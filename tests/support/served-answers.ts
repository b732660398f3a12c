// Reading two served CMSes' public answers to compare them (an exported one and its restore): GET with a
// Host of our choosing, answers with the port written as PORT, every page of an API list, the visit total.
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import type { Served } from './served.ts';

/** GET through the server with a Host of our choosing (Node cannot resolve *.localhost). */
export function getOn(served: Served, host: string | null, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(served.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: url.port, path, headers: { Host: host ? `${host}:${url.port}` : url.host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The answer with the server's port written as PORT (the two servers differ only there). */
export async function text(served: Served, host: string | null, path: string): Promise<string> {
  const res = await getOn(served, host, path);
  expect(res.status, `${host ?? ''}${path}`).toBe(200);
  return res.body.replaceAll(`:${new URL(served.url).port}`, ':PORT');
}

/** Every page of an API list, its items' JSON as text. */
export async function allPages(served: Served, host: string | null, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | null = null;
  do {
    const page = JSON.parse(await text(served, host, `${path}${next ? `${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}` : ''}`)) as { items: unknown[]; next?: string | null };
    items.push(...page.items);
    next = page.next ?? null;
  } while (next);
  return items;
}

/** An article's JSON without its live view counter (the restored counters start at zero; the total carries over). */
export const withoutViews = (json: string) => {
  const value = JSON.parse(json) as Record<string, unknown>;
  delete value['views'];
  return value;
};

/** "Tổng truy cập" as the stats API gives it. */
export const totalOf = async (served: Served, host: string | null) => (JSON.parse(await text(served, host, '/api/v1/stats')) as { totalVisits: number }).totalVisits;

/** A port nothing listens on (restore refuses to run while the CMS it would write under is up). */
export const IDLE_PORT = '9';
