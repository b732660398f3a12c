// How a site looks on its pages: the "Cơ quan chủ quản" line, the logo, the primary colour (as CSS
// custom properties, kept readable under the white and gold text of the header) and the archive notice.
import { paths } from '../../functions/http/origin.ts';
import type { SiteRecord } from '../../functions/sites/registry.ts';
import { PORTAL } from '../consts.ts';

export interface SiteLook {
  /** The "Cơ quan chủ quản" line; empty: none. */
  subtitle: string;
  /** The address line of the footer (the upgraded first site's only: other sites have none on record). */
  address: string;
  /** The logo's URL on the site's own host, or null for the drawn emblem. */
  logoUrl: string | null;
  /** `html:root { --red: …; --red-dark: … }` for the site's colour, or null for the default red. */
  colorCss: string | null;
  /** Archived: read-only, every page says so and offers no sign-in. */
  archived: boolean;
  /** A province: its menu leads to "Tin từ cơ sở". */
  hasCommunes: boolean;
}

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;
/** The brand name is gold on the primary colour: at least this contrast (WCAG AA for normal text). */
const MIN_CONTRAST = 4.5;
const GOLD = [0xff, 0xe0, 0x8a] as const;

type Rgb = readonly [number, number, number];

const luminance = (rgb: Rgb) => {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
const toward = (rgb: Rgb, black: number): Rgb => rgb.map((c) => Math.round(c * (1 - black))) as unknown as Rgb;
const hex = (rgb: Rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/**
 * The colour a site chose, darkened just enough for the header's gold and white text to stay readable
 * (an admin may pick a light one), and its darker shade for the bars; null for anything not #rrggbb.
 */
export function siteColors(color: string | null): { primary: string; dark: string } | null {
  const m = color ? HEX.exec(color) : null;
  if (!m) return null;
  let rgb: Rgb = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  for (let step = 0; step < 20 && contrast(rgb, GOLD) < MIN_CONTRAST; step++) rgb = toward(rgb, 0.08);
  return { primary: hex(rgb), dark: hex(toward(rgb, 0.33)) };
}

/** The look of a site; null (a page rendered without a resolved site, e.g. an error before it) gets the defaults. */
export function siteLook(site: Pick<SiteRecord, 'name' | 'subtitle' | 'logoKey' | 'primaryColor' | 'status' | 'childIds'> | null): SiteLook {
  // The first site upgraded from one-site data (name '' = SITE_NAME) keeps the lines it always showed.
  const upgraded = !site || site.name === '';
  const colors = siteColors(site?.primaryColor ?? null);
  return {
    subtitle: site?.subtitle || (upgraded ? PORTAL.tagline : ''),
    address: upgraded ? PORTAL.address : '',
    logoUrl: site?.logoKey ? paths.media(site.logoKey) : null,
    // html:root outranks the stylesheet's :root wherever Astro places it.
    colorCss: colors ? `html:root{--red:${colors.primary};--red-dark:${colors.dark}}` : null,
    archived: site?.status === 'archived',
    hasCommunes: (site?.childIds.length ?? 0) > 0,
  };
}
