// /admin/sao-luu through the BUILT Worker: platform admins only (a backup holds every site and the
// accounts: a site's admin and an editor get 403 and no menu entry), "Sao lưu ngay" needs the CSRF token,
// starts one backup (a second press while it runs is refused with 409 and says why), and the backup,
// run to its end by its alarms, is listed as complete with its size, tables and rows.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { backupRunner } from '../../functions/backup/backup-schedule.ts';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { call, ORIGIN, unique } from '../support/api.ts';

async function person(role: 'admin' | 'editor', platformAdmin = false) {
  const db = database(env.DB);
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: `Người ${role}`, role, password: 'mat-khau-sao-luu', platformAdmin });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { cookie: `bt_session=${sid}`, csrfToken };
}

const post = (cookie: string, fields: Record<string, string>) => call('/admin/sao-luu', {
  method: 'POST',
  headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Runs the backup's alarms to its end (the platform's own alarm may take a chunk meanwhile: then none is found and it asks again). */
async function untilDone(): Promise<void> {
  const runner = backupRunner(env);
  for (let asked = 0; asked < 10_000; asked++) {
    if ((await runner.status()).running === null) return;
    await runDurableObjectAlarm(runner);
  }
  throw new Error('the backup never ended');
}

it('shows the backups to platform admins only and starts one with "Sao lưu ngay"', async () => {
  const platform = await person('admin', true);
  for (const other of [await person('admin'), await person('editor')]) {
    const refused = await call('/admin/sao-luu', { headers: { Cookie: other.cookie } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Chỉ quản trị viên nền tảng mới dùng được trang này.');
    expect(await call('/admin', { headers: { Cookie: other.cookie } }).then((r) => r.text())).not.toContain('href="/admin/sao-luu"');
    expect((await post(other.cookie, { _csrf: other.csrfToken, action: 'start' })).status).toBe(403);
  }

  const empty = await call('/admin/sao-luu', { headers: { Cookie: platform.cookie } });
  expect(empty.status).toBe(200);
  const html = await empty.text();
  expect(html).toContain('href="/admin/sao-luu" aria-current="page"');
  expect(html).toContain('Chưa có bản sao lưu nào.');
  expect(html).toContain('>Sao lưu ngay</button>');

  expect((await post(platform.cookie, { _csrf: 'sai-ma', action: 'start' })).status, 'without the CSRF token').toBe(403);
  const bad = await post(platform.cookie, { _csrf: platform.csrfToken, action: 'xoa-het' });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('Yêu cầu không hợp lệ.');
  expect((await backupRunner(env).status()).running).toBeNull();

  const started = await post(platform.cookie, { _csrf: platform.csrfToken, action: 'start' });
  expect(started.status).toBe(200);
  expect(await started.text()).toContain('Đã bắt đầu sao lưu.');
  const again = await post(platform.cookie, { _csrf: platform.csrfToken, action: 'start' });
  expect(again.status).toBe(409);
  const againHtml = await again.text();
  expect(againHtml).toContain('Một bản sao lưu đang chạy');
  expect(againHtml).toContain('id="dang-sao-luu"');

  await untilDone();
  const done = await (await call('/admin/sao-luu', { headers: { Cookie: platform.cookie } })).text();
  const row = /<table id="cac-ban-sao-luu">[\s\S]*?<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(done);
  expect(row, 'the backup is listed').not.toBeNull();
  const cells = [...row![1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
  expect(cells[5]).toBe('Hoàn tất');
  expect(cells[2]).toMatch(/^\d+(,\d)? (KB|MB)$/);
  expect(Number(cells[3])).toBeGreaterThan(30);
  expect(done).not.toContain('id="dang-sao-luu"');
}, 120_000);
