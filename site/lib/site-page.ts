// What the reader pages of a static page need (/trang/{slug} in Vietnamese, /en/{slugEn} in English):
// the page if readers may see it (published, time come, this site's), else where a former slug moved,
// else nothing (404); its canonical address and, when it has both languages, both addresses.
import { paths } from '../../functions/http/origin.ts';
import { pageMovedTo, readPublishedPage, type SitePage } from '../../functions/data/pages-read.ts';
import type { Lang, LanguageAlternates } from './reader-strings.ts';
import type { SiteContext } from './site.ts';

export interface SitePageView {
  page: SitePage;
  lang: Lang;
  title: string;
  summary: string;
  html: string;
  canonical: string;
  alternates: LanguageAlternates | undefined;
}

export async function loadSitePage(site: SiteContext, lang: Lang, slug: string): Promise<SitePageView | { movedTo: string } | null> {
  const page = await readPublishedPage(site.db, site.id, lang, slug, site.now);
  if (!page) {
    // Only Vietnamese slugs have a history: an English slug is chosen by hand and kept.
    const movedTo = lang === 'vi' ? await pageMovedTo(site.db, site.id, slug, site.now) : null;
    return movedTo ? { movedTo: paths.page(movedTo) } : null;
  }
  const vi = site.origin + paths.page(page.slug);
  const en = page.slugEn === null ? null : site.origin + paths.pageEn(page.slugEn);
  return {
    page,
    lang,
    title: lang === 'en' ? page.titleEn : page.title,
    summary: lang === 'en' ? page.summaryEn : page.summary,
    html: lang === 'en' ? page.bodyHtmlEn : page.bodyHtml,
    canonical: lang === 'en' ? en! : vi,
    alternates: en === null ? undefined : { vi, en },
  };
}

/** "29 November 2026" / "29 tháng 11, 2026", Vietnam's calendar day. */
export const pageDate = (date: Date, lang: Lang) =>
  date.toLocaleDateString(lang === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: 'numeric', month: 'long', year: 'numeric' });
