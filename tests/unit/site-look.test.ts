// A site's look (site/lib/site-look.ts): its colour kept readable under the header's gold name, the
// first site upgraded from one-site data keeping its lines, the logo on the site's own /media path;
// a roll-up item labelled with its place (site/lib/rollup-page.ts).
import { describe, expect, it } from 'vitest';
import { siteColors, siteLook } from '../../site/lib/site-look.ts';
import { PORTAL } from '../../site/consts.ts';
import { placeName } from '../../site/lib/rollup-page.ts';

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (x: string, y: string) => {
  const [hi, lo] = [luminance(x), luminance(y)].sort((m, n) => n - m) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('siteColors', () => {
  it('keeps a dark colour as chosen and darkens a light one until the gold name reads at 4.5:1', () => {
    expect(siteColors('#1D4F91')!.primary).toBe('#1d4f91');
    for (const light of ['#ffee00', '#ffffff', '#87ceeb', '#e08080']) {
      const { primary, dark } = siteColors(light)!;
      expect(contrast(primary, '#ffe08a'), light).toBeGreaterThanOrEqual(4.5);
      expect(contrast(dark, '#ffffff'), light).toBeGreaterThan(contrast(primary, '#ffffff'));
    }
  });

  it('anything but #rrggbb gives the default colours (nothing reaches the CSS)', () => {
    for (const bad of [null, '', 'red', '#fff', '#12345g', '#123456;}body{display:none', 'url(x)']) expect(siteColors(bad), String(bad)).toBeNull();
    expect(siteLook({ name: 'X', subtitle: '', logoKey: null, primaryColor: '#123456;}', status: 'active', childIds: [] }).colorCss).toBeNull();
  });
});

describe('siteLook', () => {
  it('the upgraded first site (name "") keeps the one-site lines; others show their own or none', () => {
    expect(siteLook({ name: '', subtitle: '', logoKey: null, primaryColor: null, status: 'active', childIds: [] })).toMatchObject({ subtitle: PORTAL.tagline, address: PORTAL.address, colorCss: null });
    expect(siteLook({ name: 'Xã A', subtitle: '', logoKey: '2026/07/logo.png', primaryColor: '#1e6b3a', status: 'archived', childIds: [3] })).toEqual({
      subtitle: '', address: '', logoUrl: '/media/2026/07/logo.png', colorCss: 'html:root{--red:#1e6b3a;--red-dark:#144827}', archived: true, hasCommunes: true,
    });
  });
});

describe('placeName', () => {
  it('labels a roll-up item with the place, not the portal', () => {
    expect(placeName('Cổng thông tin điện tử xã Tân Cương')).toBe('Xã Tân Cương');
    expect(placeName('CỔNG THÔNG TIN ĐIỆN TỬ phường Phan Đình Phùng')).toBe('Phường Phan Đình Phùng');
    expect(placeName('Cổng thông tin xã A')).toBe('Xã A');
    expect(placeName('Trang tin xã Định Hóa')).toBe('Trang tin xã Định Hóa');
  });
});
