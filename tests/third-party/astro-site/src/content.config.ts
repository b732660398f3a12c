// The CMS site's content as collections: every article, one category's and the documents (pages of 5, to walk the
// lists), and the pages. CMS_URL names the site (its origin), CMS_CATEGORY the category, CMS_TIMEOUT (seconds)
// the loader's time limit per request.
import { defineCollection } from 'astro:content';
import { bientapArticles, bientapDocuments, bientapPages } from '@bientap/astro-loader';

const site = {
  url: process.env.CMS_URL ?? 'http://127.0.0.1:8787',
  ...(process.env.CMS_TIMEOUT ? { timeout: Number(process.env.CMS_TIMEOUT) } : {}),
};

export const collections = {
  articles: defineCollection({ loader: bientapArticles(site) }),
  category: defineCollection({ loader: bientapArticles({ ...site, category: process.env.CMS_CATEGORY ?? 'kinh-te', limit: 5 }) }),
  documents: defineCollection({ loader: bientapDocuments({ ...site, limit: 5 }) }),
  pages: defineCollection({ loader: bientapPages(site) }),
};
