// The documents registry's reader pages on the built Worker: /van-ban finds what GET /api/v1/documents
// finds (the number typed several ways, a summary word without diacritics, every filter), drafts appear
// on no page, the legal status follows the Vietnam day through the edge cache (controlled clock),
// related documents link both ways, the Legislation JSON-LD names the number, the print view has every field.
import { expect, it } from 'vitest';
import { vietnamDay } from '../../functions/content/dates.ts';
import { atTime, call, getJson, jsonInit, unique, writeToken } from '../support/api.ts';

interface DocumentJson {
  slug: string;
  number: string;
  url: string;
  [k: string]: unknown;
}

async function postDocument(token: string, body: Record<string, unknown>): Promise<DocumentJson> {
  const res = await call('/api/v1/documents', jsonInit('POST', token, {
    type: 'quyet-dinh', issuer: 'ubnd', signer: 'Nguyễn Văn Thử (Chủ tịch)', body: 'Điều 1. Ban hành kèm theo Quyết định này.', status: 'published', ...body,
  }));
  if (res.status !== 201) throw new Error(`POST /api/v1/documents ${res.status}: ${await res.text()}`);
  return (await res.json()) as DocumentJson;
}

const page = async (path: string) => {
  const res = await call(path, { headers: { Accept: 'text/html' } });
  return { status: res.status, text: await res.text() };
};

/** The slugs a registry page lists, in order (each row's header links to its document). */
async function pageSlugs(query: string): Promise<string[]> {
  const { status, text } = await page(`/van-ban${query}`);
  expect(status, `/van-ban${query}`).toBe(200);
  return [...text.matchAll(/<th scope="row"><a href="\/van-ban\/([a-z0-9-]+)">/g)].map((m) => m[1]!);
}

async function apiSlugs(query: string): Promise<string[]> {
  const { body } = await getJson<{ items: DocumentJson[] }>(`/api/v1/documents${query}`);
  return body.items.map((d) => d.slug);
}

/** A number no other test uses: numbers are unique per site, issuer and year. */
const freshNumber = () => 10000 + Math.floor(Math.random() * 89999);

it('lists, for the number typed any usual way, a word without diacritics and each filter, the documents the API finds', async () => {
  const token = await writeToken();
  const word = unique('vbtra').replaceAll('-', '');
  const n = freshNumber();
  const decision = await postDocument(token, {
    number: `${n}/QĐ-UBND`, field: 'dat-dai-xay-dung', issuedOn: '2024-03-08', effectiveOn: '2024-03-18',
    summary: `Về việc ban hành quy chế quản lý đất đai ${word}`,
  });
  const plan = await postDocument(token, {
    number: `${n}/KH-HĐND`, type: 'ke-hoach', issuer: 'hdnd', field: 'y-te', issuedOn: '2023-06-01', expiresOn: '2023-12-31',
    summary: `Kế hoạch tiêm chủng mở rộng ${word}`,
  });
  // A draft with the same words: in no answer below.
  await postDocument(token, { number: `${n}/TB-UBND`, type: 'thong-bao', issuedOn: '2024-05-02', summary: `Thông báo nháp đất đai ${word}`, status: 'draft' });

  const cases: [string, string[]][] = [
    [`?q=${encodeURIComponent(`${n}/QĐ-UBND`)}`, [decision.slug]],
    [`?q=${encodeURIComponent(`${n} qd ubnd`)}`, [decision.slug]],
    [`?q=${encodeURIComponent(`QD-UBND ${n}`)}`, [decision.slug]],
    [`?q=${encodeURIComponent(`${n}/2024/QĐ-UBND`)}`, [decision.slug]],
    [`?q=${encodeURIComponent(`dat dai ${word}`)}`, [decision.slug]],
    [`?q=${word}`, [decision.slug, plan.slug]],
  ];
  const filters: [string, string, string[]][] = [
    ['&loai=ke-hoach', '&type=ke-hoach', [plan.slug]],
    ['&co-quan=ubnd', '&issuer=ubnd', [decision.slug]],
    ['&linh-vuc=y-te', '&field=y-te', [plan.slug]],
    ['&nam=2024', '&year=2024', [decision.slug]],
    ['&hieu-luc=het-hieu-luc', '&status=expired', [plan.slug]],
    ['&hieu-luc=con-hieu-luc', '&status=in-effect', [decision.slug]],
    ['&loai=ke-hoach&nam=2024', '&type=ke-hoach&year=2024', []],
  ];
  for (const [query, expected] of cases) {
    expect(await pageSlugs(query), query).toEqual(expected);
    expect(await apiSlugs(query), `API ${query}`).toEqual(expected);
  }
  for (const [site, api, expected] of filters) {
    expect(await pageSlugs(`?q=${word}${site}`), site).toEqual(expected);
    expect(await apiSlugs(`?q=${word}${api}`), `API ${api}`).toEqual(expected);
  }
  // The empty state names what to do; the filters stay chosen.
  const none = await page(`/van-ban?q=${word}&loai=ke-hoach&nam=2024`);
  expect(none.text).toContain('Không có văn bản nào phù hợp');
  expect(none.text).toMatch(/<option value="ke-hoach" selected>/);
});

it('pages as the API does (keyset, newest issued first), and ignores malformed filters; a cursor it never made is a 404', async () => {
  const token = await writeToken();
  const word = unique('vbtrang').replaceAll('-', '');
  const n = freshNumber();
  for (let i = 0; i < 21; i++) {
    await postDocument(token, { number: `${n}-${i}/TB-UBND`, type: 'thong-bao', issuedOn: `2024-02-${String(i + 1).padStart(2, '0')}`, summary: `Thông báo số ${i} ${word}` });
  }
  const first = await page(`/van-ban?q=${word}`);
  const slugs = [...first.text.matchAll(/<th scope="row"><a href="\/van-ban\/([a-z0-9-]+)">/g)].map((m) => m[1]!);
  const api = (await getJson<{ items: DocumentJson[]; next: string | null }>(`/api/v1/documents?q=${word}&limit=20`)).body;
  expect(slugs).toEqual(api.items.map((d) => d.slug));
  expect(slugs).toHaveLength(20);
  const more = /<a href="(\/van-ban\?[^"]+)" rel="next">/.exec(first.text)![1]!.replaceAll('&amp;', '&');
  expect(more).toBe(`/van-ban?q=${word}&sau=${api.next}`);
  const second = await page(more);
  const apiSecond = (await getJson<{ items: DocumentJson[] }>(`/api/v1/documents?q=${word}&limit=20&cursor=${api.next}`)).body;
  expect([...second.text.matchAll(/<th scope="row"><a href="\/van-ban\/([a-z0-9-]+)">/g)].map((m) => m[1])).toEqual(apiSecond.items.map((d) => d.slug));
  expect(second.text).toContain(`<a href="/van-ban?q=${word}">‹ Về trang đầu</a>`);
  expect(second.text).not.toContain('rel="next"');

  // Anything malformed is no filter: the same list, never an error page.
  expect(await pageSlugs(`?q=${word}&nam=20x4&hieu-luc=sai&loai=%3Cscript%3E&co-quan=&linh-vuc=`)).toEqual(slugs);
  expect((await page(`/van-ban?q=${word}&sau=khong-phai-con-tro`)).status).toBe(404);
});

it('never shows a draft: not in the list, not on the home page, its page and print view 404', async () => {
  const token = await writeToken();
  const word = unique('vbnhap').replaceAll('-', '');
  const n = freshNumber();
  const draft = await postDocument(token, { number: `${n}/QĐ-UBND`, issuedOn: vietnamDay(new Date()), summary: `Dự thảo quyết định ${word}`, status: 'draft' });
  const shown = await postDocument(token, { number: `${n + 1}/QĐ-UBND`, issuedOn: vietnamDay(new Date()), summary: `Quyết định đã đăng ${word}` });

  expect(await pageSlugs(`?q=${word}`)).toEqual([shown.slug]);
  expect(await pageSlugs('')).not.toContain(draft.slug);
  const home = await page('/');
  expect(home.text).toContain(`href="/van-ban/${shown.slug}"`);
  expect(home.text).not.toContain(`/van-ban/${draft.slug}`);
  expect(home.text).not.toContain(`Dự thảo quyết định ${word}`);
  expect((await page(`/van-ban/${draft.slug}`)).status).toBe(404);
  expect((await page(`/van-ban/${draft.slug}/in`)).status).toBe(404);
  expect((await page(`/van-ban/${shown.slug}/in`)).status).toBe(200);
});

it('shows the legal status of the Vietnam day: a document effective tomorrow turns "Còn hiệu lực" at midnight on its page and in the list, cached or not', async () => {
  const token = await writeToken();
  const word = unique('vbhieuluc').replaceAll('-', '');
  const now = Date.now();
  const today = vietnamDay(new Date(now));
  const tomorrow = vietnamDay(new Date(now + 86_400_000));
  const doc = await postDocument(token, { number: `${freshNumber()}/QĐ-UBND`, issuedOn: today, effectiveOn: tomorrow, summary: `Quyết định có hiệu lực từ ngày mai ${word}` });
  const status = (html: string) => /class="doc-status [^"]*" data-status="([a-z-]+)"/.exec(html)?.[1];

  const midnight = Date.parse(`${tomorrow}T00:00:00+07:00`);
  // A minute before Vietnam midnight, twice: the second answer is the edge cache's, an entry that would
  // still be fresh at midnight if its key did not carry the day.
  await atTime(midnight - 60_000, async () => {
    for (let i = 0; i < 2; i++) {
      expect(status((await page(`/van-ban/${doc.slug}`)).text)).toBe('not-yet-effective');
      expect(status((await page(`/van-ban?q=${word}`)).text)).toBe('not-yet-effective');
      expect(await pageSlugs(`?q=${word}&hieu-luc=chua-co-hieu-luc`)).toEqual([doc.slug]);
      expect(await pageSlugs(`?q=${word}&hieu-luc=con-hieu-luc`)).toEqual([]);
    }
    expect((await page(`/van-ban/${doc.slug}`)).text).toContain('Chưa có hiệu lực');
  });

  // Vietnam midnight (UTC+7): no write in between.
  await atTime(midnight, async () => {
    const item = await page(`/van-ban/${doc.slug}`);
    expect(status(item.text)).toBe('in-effect');
    expect(item.text).toContain('Còn hiệu lực');
    expect(status((await page(`/van-ban?q=${word}`)).text)).toBe('in-effect');
    expect(await pageSlugs(`?q=${word}&hieu-luc=con-hieu-luc`)).toEqual([doc.slug]);
    expect(await pageSlugs(`?q=${word}&hieu-luc=chua-co-hieu-luc`)).toEqual([]);
  });
});

it('links related documents both ways, and its Legislation JSON-LD names the number, dates, issuer and legal force', async () => {
  const token = await writeToken();
  const n = freshNumber();
  const old = await postDocument(token, { number: `${n}/QĐ-UBND`, issuedOn: '2022-02-10', summary: 'Quy chế cũ về tiếp công dân' });
  const amended = await postDocument(token, { number: `${n + 1}/QĐ-UBND`, issuedOn: '2022-04-01', summary: 'Quy định về một cửa' });
  const guide = await postDocument(token, { number: `${n}/HD-UBND`, type: 'huong-dan', issuedOn: '2024-07-01', summary: 'Hướng dẫn thực hiện quy chế mới' });
  const current = await postDocument(token, {
    number: `${n + 2}/QĐ-UBND`, issuedOn: '2024-06-20', effectiveOn: '2024-07-01', summary: 'Quy chế mới về tiếp công dân',
    relations: [{ kind: 'replaces', slug: old.slug }, { kind: 'amends', slug: amended.slug }, { kind: 'guided-by', slug: guide.slug }],
  });

  const text = (await page(`/van-ban/${current.slug}`)).text;
  const related = text.slice(text.indexOf('id="van-ban-lien-quan"'));
  expect(related).toMatch(new RegExp(`<dt>Thay thế</dt>\\s*<dd><a href="/van-ban/${old.slug}">${n}/QĐ-UBND</a>`));
  expect(related).toMatch(new RegExp(`<dt>Sửa đổi, bổ sung</dt>\\s*<dd><a href="/van-ban/${amended.slug}">`));
  expect(related).toMatch(new RegExp(`<dt>Được hướng dẫn bởi</dt>\\s*<dd><a href="/van-ban/${guide.slug}">${n}/HD-UBND</a>`));
  for (const [slug, label] of [[old.slug, 'Bị thay thế bởi'], [amended.slug, 'Được sửa đổi, bổ sung bởi'], [guide.slug, 'Hướng dẫn']] as const) {
    const other = (await page(`/van-ban/${slug}`)).text;
    expect(other, slug).toMatch(new RegExp(`<dt>${label}</dt>\\s*<dd><a href="/van-ban/${current.slug}">${n + 2}/QĐ-UBND</a>`));
  }

  const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(text)![1]!);
  expect(ld).toMatchObject({
    '@context': 'https://schema.org', '@type': 'Legislation', legislationIdentifier: `${n + 2}/QĐ-UBND`, legislationType: 'Quyết định',
    legislationDate: '2024-06-20', legislationDateOfApplicability: '2024-07-01', legislationLegalForce: 'https://schema.org/InForce',
    legislationPassedBy: { name: 'Ủy ban nhân dân' }, abstract: 'Quy chế mới về tiếp công dân', url: `http://cms.test/van-ban/${current.slug}`,
  });
  expect(ld.legislationChanges.map((r: { legislationIdentifier: string }) => r.legislationIdentifier)).toEqual([`${n}/QĐ-UBND`, `${n + 1}/QĐ-UBND`]);
  // The amended one is in force only in part now.
  const amendedLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec((await page(`/van-ban/${amended.slug}`)).text)![1]!);
  expect(amendedLd.legislationLegalForce).toBe('https://schema.org/PartiallyInForce');
  expect(text).toContain(`<link rel="canonical" href="http://cms.test/van-ban/${current.slug}">`);
  expect(text).toMatch(/<nav class="crumbs"[^>]*>.*<a href="\/van-ban">Văn bản<\/a>/s);
  // The registry's feeds and its type's, offered in the head and the footer, answer.
  for (const feed of ['/van-ban/feed.json', '/van-ban/rss.xml', '/van-ban/loai/quyet-dinh/feed.json', '/van-ban/loai/quyet-dinh/rss.xml']) {
    expect(text).toContain(`href="${feed}"`);
    expect((await call(feed)).status, feed).toBe(200);
  }
});

it('prints every field, the summary and body, the print date and an "In văn bản" button, without the site\'s menus', async () => {
  const token = await writeToken();
  const n = freshNumber();
  const doc = await postDocument(token, {
    number: `${n}/QĐ-UBND`, field: 'giao-duc-dao-tao', issuedOn: '2025-01-06', effectiveOn: '2025-01-06', expiresOn: '2030-12-31',
    summary: 'Về việc phê duyệt kế hoạch phát triển giáo dục', body: 'Điều 1. Phê duyệt **kế hoạch** phát triển giáo dục giai đoạn 2025-2030.',
  });
  // On a day of its effect, after its publication: the status and the print date are known.
  const { status, text } = await atTime('2027-06-01T10:00:00+07:00', () => page(`/van-ban/${doc.slug}/in`));
  expect(status).toBe(200);
  const fields: [string, string][] = [
    ['Số ký hiệu', `${n}/QĐ-UBND`], ['Loại văn bản', 'Quyết định'], ['Cơ quan ban hành', 'Ủy ban nhân dân'], ['Người ký', 'Nguyễn Văn Thử (Chủ tịch)'],
    ['Lĩnh vực', 'Giáo dục - Đào tạo'], ['Ngày ban hành', '06/01/2025'], ['Ngày có hiệu lực', '06/01/2025'], ['Ngày hết hiệu lực', '31/12/2030'],
    ['Trích yếu', 'Về việc phê duyệt kế hoạch phát triển giáo dục'], ['Tình trạng hiệu lực', 'Còn hiệu lực'],
  ];
  for (const [label, value] of fields) {
    expect(text, label).toMatch(new RegExp(`<dt>${label}</dt><dd[^>]*>(<[^>]+>)*${value.replace(/[()]/g, '\\$&')}<`));
  }
  expect(text).toContain('Phê duyệt <strong>kế hoạch</strong> phát triển giáo dục');
  expect(text).toContain('Ngày in: 01/06/2027');
  // Without a date of effect: in effect from the date of issue, and said so.
  const plain = await postDocument(token, { number: `${n + 1}/QĐ-UBND`, issuedOn: '2025-02-03', summary: 'Quyết định không ghi ngày có hiệu lực' });
  expect((await page(`/van-ban/${plain.slug}/in`)).text).toContain('<dt>Ngày có hiệu lực</dt><dd><time datetime="2025-02-03">03/02/2025</time> (kể từ ngày ban hành)</dd>');
  expect(text).toMatch(/<button type="button" data-print hidden>In văn bản<\/button>/);
  expect(text).toContain('<script src="/js/in-van-ban.js" defer></script>');
  expect(text).not.toContain('class="menu"');
  expect(text).not.toContain('class="site-footer"');
  expect(text).toContain('<p class="portal">Cổng thông tin điện tử huyện Đồng Hỷ</p>');
});
