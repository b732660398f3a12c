// Issue 12, the header menu in real Chromium against the built Worker: the demo's menu (categories, then
// Giới thiệu with the site's pages) in Vietnamese and, on /en/ pages, in English; an editor builds the menu in
// /admin/menu with JavaScript switched off (add, then move with the plain buttons: up, into a submenu)
// and a reader's header shows it at once; the reader reaches the submenu's link with the keyboard (it
// opens on focus, no script) and axe finds nothing wrong with it open; on a phone the submenu follows its
// parent in the menu row; with JavaScript on, dragging an item and "Lưu thứ tự" reorders the menu.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { MENU } from '../../site/admin/strings.ts';
import { adminBrowserSuite, newPerson, signIn } from '../support/admin.ts';
import { axeViolations, describeViolations, focusedText } from '../support/browser.ts';

const suite = adminBrowserSuite([{ role: 'editor', name: 'Nguyễn Biên Tập' }]);

/** The header menu as the reader sees it: [label, [submenu labels]]. */
async function headerMenu(page: Page): Promise<[string, string[]][]> {
  return page.locator('nav.menu .wrap > ul > li').evaluateAll((items) => items.map((li) => [
    (li.querySelector(':scope > a')?.textContent ?? '').trim(),
    [...li.querySelectorAll(':scope > ul.submenu a')].map((a) => (a.textContent ?? '').trim()),
  ] as [string, string[]]));
}

/** The menu editor's enabled "Xóa" buttons (a parent's is disabled while it has a submenu). */
const removable = (page: Page) => page.locator('#menu-items button:not([disabled])', { hasText: MENU.remove });

/** Clicks a button of the menu editor by its accessible name and waits for the page that follows. */
async function press(page: Page, name: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/menu'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
}

it('the demo header: its categories, then Giới thiệu with the site\'s pages; in English on /en/ pages, with figures written the English way', async () => {
  const { served, browser, contexts } = suite;
  const reader = await newPerson(browser, contexts, { viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await reader.goto(`${served.url}/`);
  const vi = await headerMenu(reader);
  expect(vi.at(-2)).toEqual(['Giới thiệu', ['Cơ cấu tổ chức', 'Liên hệ', 'Sơ đồ cổng thông tin']]);
  expect(vi[0]).toEqual(['Trang chủ', []]);
  expect(vi.at(-1)).toEqual(['Văn bản', []]);
  expect(await reader.locator('[data-stat="total"]').textContent()).toMatch(/^\d{1,3}(\.\d{3})+$/);

  await reader.goto(`${served.url}/en/organisation-structure`);
  const en = await headerMenu(reader);
  // The same items, in English: labelEn, or the English page's own title (Cơ cấu tổ chức, Liên hệ).
  expect(en.map(([, children]) => children.length)).toEqual(vi.map(([, children]) => children.length));
  expect(en.at(-2)).toEqual(['About us', ['Organisation structure', 'Contact', 'Site map']]);
  expect(en[0]).toEqual(['Home', []]);
  expect(en.at(-1)).toEqual(['Documents', []]);
  expect(en.slice(1, -2).map(([label]) => label)).not.toContain(vi[1]![0]);
  expect(await reader.locator('nav.menu').getByRole('link', { name: 'Contact', exact: true }).getAttribute('href')).toBe('/en/contact');
  expect(await reader.locator('nav.menu [lang="vi"]').count()).toBe(0);
  expect(await reader.locator('[data-stat="total"]').textContent()).toMatch(/^\d{1,3}(,\d{3})+$/);
  const violations = await axeViolations(reader);
  expect(violations, describeViolations(violations)).toEqual([]);
});

it('an editor builds and reorders the menu without JavaScript; readers see it at once and reach the submenu by keyboard', async () => {
  const { served, browser, contexts, accounts } = suite;
  const editor = await newPerson(browser, contexts, { javaScriptEnabled: false });
  await signIn(editor, served, accounts[0]!);
  await editor.goto(`${served.url}/admin/menu`);
  // The demo site comes with a menu (scripts/demo-menu.ts): removed first, submenu items before their parents.
  for (let left = await removable(editor).count(); left > 0; left = await removable(editor).count()) {
    await Promise.all([
      editor.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/menu'),
      removable(editor).last().click(),
    ]);
    await editor.waitForLoadState('domcontentloaded');
  }
  await editor.getByText(MENU.empty).waitFor();

  const add = async (form: 'category' | 'link', fill: () => Promise<unknown>, button: string) => {
    await fill();
    await Promise.all([editor.waitForResponse((r) => r.request().method() === 'POST'), editor.getByRole('button', { name: button, exact: true }).click()]);
    await editor.waitForLoadState('domcontentloaded');
    await editor.getByText(MENU.added).waitFor();
    return form;
  };
  await add('category', () => editor.getByLabel(MENU.category, { exact: true }).selectOption({ label: 'Tin tức - Sự kiện' }), MENU.addCategory);
  await add('link', async () => {
    await editor.getByLabel(MENU.linkLabel, { exact: true }).fill('Dịch vụ công');
    await editor.getByLabel(MENU.url, { exact: true }).fill('https://dichvucong.gov.vn/');
  }, MENU.addLink);
  await add('category', () => editor.getByLabel(MENU.category, { exact: true }).selectOption({ label: 'Cải cách hành chính' }), MENU.addCategory);

  // Plain form buttons: "Dịch vụ công" into the submenu of the item above it, then "Cải cách hành chính" up.
  await press(editor, MENU.indentOf('Dịch vụ công'));
  await editor.getByText(MENU.movedText).waitFor();
  await press(editor, MENU.moveUp('Cải cách hành chính'));
  await editor.getByText(MENU.movedText).waitFor();

  const reader = await newPerson(browser, contexts, { viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await reader.goto(`${served.url}/`);
  expect(await headerMenu(reader)).toEqual([['Trang chủ', []], ['Cải cách hành chính', []], ['Tin tức - Sự kiện', ['Dịch vụ công']], ['Văn bản', []]]);

  // The keyboard: Tab from the parent reaches the submenu's link, which is then on screen.
  await reader.locator('nav.menu').getByRole('link', { name: 'Tin tức - Sự kiện', exact: true }).focus();
  await reader.keyboard.press('Tab');
  expect((await focusedText(reader)).trim()).toBe('Dịch vụ công');
  const box = await reader.locator('nav.menu .submenu a', { hasText: 'Dịch vụ công' }).boundingBox();
  expect(box && box.x >= 0 && box.y >= 0).toBe(true);
  // axe with the submenu open.
  const violations = await axeViolations(reader);
  expect(violations, describeViolations(violations)).toEqual([]);

  // A phone: the submenu's link sits in the menu row after its parent, not off-screen.
  const phone = await newPerson(browser, contexts, { viewport: { width: 375, height: 740 }, isMobile: true });
  await phone.goto(`${served.url}/`);
  const parent = (await phone.locator('nav.menu .wrap > ul > li.has-sub > a').boundingBox())!;
  const child = (await phone.locator('nav.menu .submenu a').boundingBox())!;
  expect(child.x).toBeGreaterThan(parent.x);
  expect(Math.abs(child.y - parent.y)).toBeLessThan(2);
});

it('with JavaScript, dragging an item and "Lưu thứ tự" reorders the menu', async () => {
  const { served, browser, contexts, accounts } = suite;
  // bypassCSP only lets axe be injected at the end; the page's own script is a file (script-src 'self').
  const editor = await newPerson(browser, contexts, { bypassCSP: true });
  await signIn(editor, served, accounts[0]!);
  await editor.goto(`${served.url}/admin/menu`);
  const tops = editor.locator('#menu-items > li');
  const before = await tops.evaluateAll((items) => items.map((li) => li.querySelector('.menu-row input[name="label"]')?.getAttribute('placeholder') || ''));
  expect(before.length).toBeGreaterThan(1);
  await tops.nth(1).locator('.menu-kind').first().dragTo(tops.nth(0).locator('.menu-kind').first(), { targetPosition: { x: 5, y: 1 } });
  await editor.getByRole('button', { name: MENU.saveOrder }).waitFor();
  await Promise.all([
    editor.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/menu'),
    editor.getByRole('button', { name: MENU.saveOrder }).click(),
  ]);
  await editor.getByText(MENU.movedText).waitFor();
  const after = await editor.locator('#menu-items > li').evaluateAll((items) => items.map((li) => li.querySelector('.menu-row input[name="label"]')?.getAttribute('placeholder') || ''));
  expect(after).toEqual([before[1], before[0], ...before.slice(2)]);
  const violations = await axeViolations(editor);
  expect(violations, describeViolations(violations)).toEqual([]);
});
