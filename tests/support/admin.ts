// The admin's browser tests: accounts created in a served Worker's store (the same data layer as
// `npm run user`), signing in through the real form, the cron body run by wrangler dev's scheduled
// trigger, small real images, and the session's CSRF token for hand-made (forged) requests.
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { siteIdOfHost } from '../../functions/data/sites.ts';
import { createUser } from '../../functions/data/users.ts';
import type { Role } from '../../schema/tables.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { launchBrowser, newReader } from './browser.ts';
import { serve, type Served } from './served.ts';

export interface Account {
  email: string;
  name: string;
  role: Role;
  password: string;
}

let accounts = 0;

/** An account to make: its role and name, and (host) the site it belongs to when not the first one. */
export interface WantedAccount {
  role: Role;
  name: string;
  /** A host of the account's site (a commune's editor: 'tancuong.localhost'). */
  host?: string;
  /** A platform admin (every site, /admin/sao-luu, /admin/trang-web). */
  platformAdmin?: boolean;
}

/** Creates accounts directly in the served store (as `npm run user -- create` does), one proxy for all. */
export async function createAccounts(served: Served, wanted: WantedAccount[]): Promise<Account[]> {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const made = wanted.map((w) => {
    accounts += 1;
    return {
      role: w.role,
      name: w.name,
      email: `${w.role}${accounts}.${stamp}@dongy.example.vn`,
      // Long, random, never a common password.
      password: `e2e ${crypto.randomUUID()}`,
    };
  });
  await withLocalEnv(async (env) => {
    const db = database(env.DB);
    for (const [i, a] of made.entries()) {
      const host = wanted[i]!.host;
      const siteId = host === undefined ? undefined : await siteIdOfHost(db, host);
      if (siteId === null) throw new Error(`no site has the host ${host}`);
      await createUser(db, { email: a.email, name: a.name, role: a.role, password: a.password, siteId, platformAdmin: wanted[i]!.platformAdmin ?? false });
    }
  }, { persistTo: served.persistTo, quiet: true });
  return made;
}

export interface AdminBrowserSuite {
  served: Served;
  browser: Browser;
  /** The accounts asked for, in order. */
  accounts: Account[];
  /** Every person's context (newPerson), closed after each test. */
  contexts: BrowserContext[];
}

/**
 * A file's browser tests of the admin: a served Worker, a browser and the wanted accounts, made in
 * beforeAll (read the fields inside tests), every person's context closed after each test.
 */
export function adminBrowserSuite(wanted: WantedAccount[]): AdminBrowserSuite {
  const suite = { contexts: [] as BrowserContext[] } as AdminBrowserSuite;
  beforeAll(async () => {
    [suite.served, suite.browser] = await Promise.all([serve(), launchBrowser()]);
    suite.accounts = await createAccounts(suite.served, wanted);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.served?.stop();
  });
  afterEach(async () => {
    await Promise.all(suite.contexts.splice(0).map((c) => c.close()));
  });
  return suite;
}

/** A browser context of its own (own cookies, own client address), as one person at one computer. */
export async function newPerson(browser: Browser, contexts: BrowserContext[], options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newReader(browser, options);
  contexts.push(context);
  return context.newPage();
}

/**
 * Signs in through /admin/login as a person does; asserts the admin opened. origin: where the admin is
 * opened (the session cookie belongs to that host), served.url unless given.
 */
export async function signIn(page: Page, served: Served, account: Pick<Account, 'email' | 'password'>, origin = served.url): Promise<void> {
  await page.goto(`${origin}/admin/login`);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/admin/login', { timeout: 15_000 }),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
  expect(new URL(page.url()).pathname).toMatch(/^\/admin/);
  await page.getByRole('button', { name: 'Đăng xuất' }).first().waitFor();
}

/** The session's CSRF token, as the admin's own forms carry it (read from the page the person is on). */
export async function csrfTokenOf(page: Page, served: Served): Promise<string> {
  if (!new URL(page.url()).pathname.startsWith('/admin')) await page.goto(`${served.url}/admin/bai-viet/moi`);
  const token = await page.locator('input[name="_csrf"]').first().getAttribute('value');
  expect(token, 'a CSRF token in the admin page').toBeTruthy();
  return token!;
}

/**
 * Runs the Worker's scheduled handler (the cron body) on the served Worker, through wrangler dev's
 * own trigger URL: the real `scheduled` export of the built Worker, at the current time.
 */
export async function runCron(served: Served): Promise<void> {
  const res = await served.fetch('/cdn-cgi/handler/scheduled?cron=*+*+*+*+*');
  const text = await res.text();
  expect(res.status, `scheduled trigger: ${text.slice(0, 200)}`).toBe(200);
}

/**
 * Clicks a submit button of an article form (/admin/bai-viet/...) and waits for the page that follows.
 * The answer to the POST is returned: 303 when the action was done (the browser then loads the edit
 * page), or the status of the form shown again (422 refused, 403 forbidden, 409 conflict).
 */
export async function submitWith(page: Page, button: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/admin/bai-viet'), { timeout: 15_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const location = response.headers()['location'];
  if (location) await page.waitForURL((url) => url.pathname + url.search === location, { waitUntil: 'domcontentloaded' });
  else await page.waitForLoadState('domcontentloaded');
  return response;
}

/** The article id in an edit page's URL (/admin/bai-viet/{id}). */
export function articleIdOf(page: Page): number {
  const m = /^\/admin\/bai-viet\/(\d+)$/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not an edit page: ${page.url()}`);
  return Number(m[1]);
}

/** Vietnam wall-clock time (UTC+7, no DST) to the second, as a datetime-local value: 2026-05-01T07:30:05. */
export function vietnamLocal(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
}

// A CRC-32 table for PNG chunks.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, valid RGB PNG of width x height in one colour (browsers decode it: naturalWidth > 0). */
export function pngImage(width: number, height: number, rgb: [number, number, number] = [20, 110, 190]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
