// The reader UI's words in each language a page can be in: Vietnamese (consts.ts's, the site's own) and
// English, for the English versions of pages (/en/...). The layout, header, footer, statistics box,
// breadcrumbs and the 404 page take a `lang` and read their words here.
import { DOCUMENT_UI, ERROR_UI, READER_UI, SEARCH_UI, UI, type ReaderToolsLabels } from '../consts.ts';

export type Lang = 'vi' | 'en';

const vi = {
  htmlLang: 'vi',
  ogLocale: 'vi_VN',
  skipLink: UI.skipLink,
  login: UI.login,
  home: UI.home,
  menuLabel: UI.menuLabel,
  breadcrumbLabel: UI.breadcrumbLabel,
  searchLabel: UI.searchLabel,
  searchFormLabel: SEARCH_UI.formLabel,
  searchPlaceholder: UI.searchPlaceholder,
  searchButton: UI.searchButton,
  documents: DOCUMENT_UI.menu as string,
  rollupTitle: UI.rollupTitle,
  feedsTitle: UI.feedsTitle,
  statsTitle: UI.statsTitle,
  statsOnline: UI.statsOnline,
  statsTotal: UI.statsTotal,
  statsToday: UI.statsToday,
  footerRights: UI.footerRights,
  archivedTitle: UI.archivedTitle,
  archivedText: UI.archivedText,
  notFoundTitle: ERROR_UI.notFoundTitle,
  notFoundText: ERROR_UI.notFoundText,
  backHome: ERROR_UI.backHome,
  /** The footer's list of the site's pages (Giới thiệu, Liên hệ...). */
  pagesTitle: 'Thông tin',
  /** Names the language switcher's landmark. */
  languageLabel: 'Ngôn ngữ',
  updated: UI.updated,
  /** The print and text-size tools (ReaderTools.astro). */
  tools: { ...READER_UI, print: 'In trang' } as ReaderToolsLabels,
};

export type ReaderStrings = typeof vi;

const en: ReaderStrings = {
  htmlLang: 'en',
  ogLocale: 'en_GB',
  skipLink: 'Skip to content',
  login: 'Sign in',
  home: 'Home',
  menuLabel: 'Sections',
  breadcrumbLabel: 'Breadcrumbs',
  searchLabel: 'Search this site',
  searchFormLabel: 'Search articles by keyword',
  searchPlaceholder: 'Keywords…',
  searchButton: 'Search',
  documents: 'Documents',
  rollupTitle: 'News from communes',
  feedsTitle: 'Subscribe',
  statsTitle: 'Visitor statistics',
  statsOnline: 'Online now',
  statsTotal: 'Total visits',
  statsToday: 'Today',
  footerRights: 'Please cite the source when republishing information from this site.',
  archivedTitle: 'Archived site',
  archivedText: 'This portal is no longer updated; its content is kept for reference.',
  notFoundTitle: 'Page not found',
  notFoundText: 'The page you are looking for does not exist or has been removed. Search the site below or go back to the home page.',
  backHome: 'Back to the home page',
  pagesTitle: 'About this portal',
  languageLabel: 'Language',
  updated: 'Updated',
  tools: {
    print: 'Print this page', textSize: 'Text size', smaller: 'Smaller text', defaultSize: 'Default text size', larger: 'Larger text',
    printSource: (url: string) => `Source: ${url}`, printedOn: 'Printed on', sizeStatus: 'Text size: {n}%',
  },
};

export const READER_STRINGS: Record<Lang, ReaderStrings> = { vi, en };

export const readerStrings = (lang: Lang = 'vi'): ReaderStrings => READER_STRINGS[lang];

/** A page's two addresses when it has both languages: each version links the other. */
export interface LanguageAlternates {
  vi: string;
  en: string;
}

/** The switcher's link text, in the language it leads to (so its lang attribute is that language). */
export const SWITCH_TO: Record<Lang, string> = { vi: 'Tiếng Việt', en: 'English' };

/** The language of a request path: English under /en/, else Vietnamese (the 404 page answers in it). */
export const langOfPath = (path: string): Lang => (path === '/en' || path.startsWith('/en/') ? 'en' : 'vi');
