// A static site. OUT_DIR and CACHE_DIR let the test build into temporary folders; Astro keeps the content
// store (entries and the loader's validators) in cacheDir between builds, so a rebuild is incremental.
import { defineConfig } from 'astro/config';

export default defineConfig({
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.CACHE_DIR ?? './node_modules/.astro',
});
