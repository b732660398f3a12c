// The images of a Markdown body as the renderer sees them (functions/content/body-images.ts), and the
// admin forms' save-time check built on it: a body photo without alt text is refused, naming the photo.
import { describe, expect, it } from 'vitest';
import { bodyImages, firstImageWithoutAlt, shortImageName } from '../../functions/content/body-images.ts';
import { validateArticleForm, emptyValues } from '../../site/admin/article-form.ts';
import { emptyDocumentValues, validateDocumentForm } from '../../site/admin/document-form.ts';
import { emptyPageValues, validatePageForm } from '../../site/admin/page-form.ts';
import { BODY_PHOTOS } from '../../site/admin/strings.ts';

const NOW = new Date('2026-11-30T03:00:00Z');

describe('bodyImages', () => {
  it('lists inline and reference images in reading order, with their alt text and URL', () => {
    const body = [
      '# Hội nghị',
      '',
      '![Toàn cảnh hội nghị](/media/2026/11/a.jpg "Hội nghị sáng 29/11")',
      '',
      '- mục có ảnh ![](https://example.vn/b.png)',
      '',
      '> ![Đại biểu][dai-bieu]',
      '',
      '| ảnh |',
      '| --- |',
      '| ![ ](/media/2026/11/c.webp) |',
      '',
      '[dai-bieu]: /media/2026/11/d.jpg',
      '[DAI-BIEU]: /media/2026/11/not-the-first.jpg',
    ].join('\n');
    expect(bodyImages(body)).toEqual([
      { position: 1, url: '/media/2026/11/a.jpg', alt: 'Toàn cảnh hội nghị' },
      { position: 2, url: 'https://example.vn/b.png', alt: '' },
      { position: 3, url: '/media/2026/11/d.jpg', alt: 'Đại biểu' },
      { position: 4, url: '/media/2026/11/c.webp', alt: ' ' },
    ]);
  });

  it('does not count links, code, or raw HTML <img> (the renderer drops raw HTML)', () => {
    const body = '[ảnh](/media/x.jpg) `![](/media/y.jpg)`\n\n```\n![](/media/z.jpg)\n```\n\n<img src="/media/w.jpg">';
    expect(bodyImages(body)).toEqual([]);
  });

  it('reads the alt text of an image with emphasis in it as its plain text', () => {
    expect(bodyImages('![Cầu **Gia Bảy**](/media/e.jpg)')[0]?.alt).toBe('Cầu Gia Bảy');
  });

  it('finds the first image whose alt is empty or spaces', () => {
    expect(firstImageWithoutAlt('![Một](/a.jpg)\n\n![ ](/b.jpg)\n\n![](/c.jpg)')).toEqual({ position: 2, url: '/b.jpg', alt: ' ' });
    expect(firstImageWithoutAlt('![Một](/a.jpg) and text')).toBeNull();
    expect(firstImageWithoutAlt('no images')).toBeNull();
  });

  it('names an image by its file after "…/"', () => {
    expect(shortImageName('/media/2026/11/0f3c.jpg')).toBe('…/0f3c.jpg');
    expect(shortImageName('https://example.vn/anh/hoi-nghi.png?w=640#top')).toBe('…/hoi-nghi.png');
    expect(shortImageName('anh.jpg')).toBe('anh.jpg');
    expect(shortImageName('')).toBe('');
  });
});

describe('save-time alt check of the admin forms', () => {
  const body = 'Mở đầu.\n\n![Toàn cảnh](/media/2026/11/a.jpg)\n\n![](/media/2026/11/anh.jpg "Chú thích")\n';
  const message = BODY_PHOTOS.noAlt(2, '…/anh.jpg');

  it('the message names the place and the file', () => {
    expect(message).toContain('Ảnh thứ 2 trong nội dung (…/anh.jpg) chưa có mô tả (alt)');
  });

  it('article: refused on body with the message; described photos pass', () => {
    const values = { ...emptyValues('tin-tuc'), title: 'Bài có ảnh', body };
    const refused = validateArticleForm(values, 'save', 'create', NOW);
    expect(refused).toEqual({ ok: false, errors: { body: message } });
    const fixed = validateArticleForm({ ...values, body: body.replace('![]', '![Đại biểu]') }, 'save', 'create', NOW);
    expect(fixed.ok).toBe(true);
  });

  it('page: refused on body and on the English body', () => {
    const values = { ...emptyPageValues(), title: 'Giới thiệu', body };
    expect(validatePageForm(values, 'save', NOW)).toEqual({ ok: false, errors: { body: message } });
    const english = { ...values, body: 'Không ảnh.', slugEn: 'about', titleEn: 'About', bodyEn: '![](/media/2026/11/en.jpg)' };
    expect(validatePageForm(english, 'save', NOW)).toEqual({ ok: false, errors: { bodyEn: BODY_PHOTOS.noAlt(1, '…/en.jpg') } });
  });

  it('document: refused on body', () => {
    const values = { ...emptyDocumentValues(), number: '12/QĐ-UBND', type: '1', issuer: '1', issuedOn: '2026-11-01', summary: 'Về việc thử', body };
    const result = validateDocumentForm(values, 'save', NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.body).toBe(message);
  });
});
