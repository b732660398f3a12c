// The reader site and the admin (site/), rendered on demand by the same Worker (functions/index.ts).
import cloudflare from '@astrojs/cloudflare';
import { defineConfig } from 'astro/config';
import { codecUrl } from './scripts/vite-codec-url.mjs';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  // passthrough + no sessions: otherwise the adapter adds IMAGES and SESSION bindings we do not use.
  adapter: cloudflare({ imageService: 'passthrough', inspectorPort: false }),
  session: false,
  // Flat files and no trailing slash: other combinations loop on 307s under run_worker_first.
  build: { format: 'file', inlineStylesheets: 'always' },
  trailingSlash: 'never',
  compressHTML: true,
  // The image codecs' glue must not assign import.meta.url (scripts/vite-codec-url.mjs).
  vite: { plugins: [codecUrl()] },
});
