// Tests run inside workerd with the real local D1 / R2 / Durable Objects that wrangler simulates;
// migrations are the same SQL files wrangler applies, read here and applied in a setup file.
//  - worker: unit and API tests against the Worker built from source (functions/), with Astro's
//    renderer swapped out, since its virtual modules exist only inside an Astro build;
//  - pages: statistics and page tests against the BUILT Worker (`astro build`, run by npm's pretest),
//    real Astro pages included;
//  - e2e: in Node, real Chromium (playwright-core) against the BUILT Worker served by `wrangler dev`
//    on 127.0.0.1 (tests/support/served.ts): one server with its own fresh store per test file, and
//    the files one after another.
import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./schema/migrations');
  // The tests call the Worker at http://cms.test: configured as its SITE_URL, as a deployment must be
  // (with SITE_URL empty only loopback hosts are served; the e2e servers on 127.0.0.1 are that case).
  const miniflare = { bindings: { TEST_MIGRATIONS: migrations, STATS_SALT: 'test-salt-not-secret', PREVIEW_SECRET: 'test-preview-secret', LOGIN_LIMITER_SALT: 'test-login-limiter-salt', TOTP_ENCRYPTION_KEY: 'test-totp-key-not-secret', DEVICE_COOKIE_SECRET: 'test-device-cookie-secret', SITE_URL: 'http://cms.test',
    // Every cached read asks the generation, so tests through the Worker see a change made behind its back at
    // once; the memo's bound (1 s by default) is tested with controlled time in tests/api/generation-memo.test.ts.
    CACHE_GENERATION_MAX_AGE_MS: '0' },
    // A second, empty database: tests/api/upgrade.test.ts builds a one-site database of the previous schema in it.
    d1Databases: { UPGRADE_DB: 'upgrade-db' } };
  const setupFiles = ['./tests/setup/apply-migrations.ts'];
  return {
    test: {
      projects: [
        {
          plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare })],
          resolve: {
            alias: { '@astrojs/cloudflare/handler': resolve('tests/support/astro-handler-stub.ts') },
          },
          test: { name: 'worker', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'], setupFiles,
            // A real webhook receiver on 127.0.0.1 for the dispatcher's sends (tests/api/webhook-dispatch*.test.ts),
            // and a DNS-over-HTTPS server for the URL guard's resolver step (tests/api/webhook-url-guard.test.ts).
            globalSetup: ['./tests/setup/webhook-receiver-global.ts', './tests/setup/fake-dns-global.ts'] },
        },
        {
          plugins: [cloudflareTest({ wrangler: { configPath: './dist/server/wrangler.json' }, miniflare })],
          test: { name: 'pages', include: ['tests/stats/**/*.test.ts', 'tests/pages/**/*.test.ts'], setupFiles },
        },
        {
          // A Vite server of its own: sharing the root's (vitest's default for a project with no Vite
          // options) breaks the cloudflareTest plugin's module paths in the `pages` project.
          resolve: {},
          test: {
            name: 'e2e',
            include: ['tests/e2e/**/*.test.ts'],
            environment: 'node',
            fileParallelism: false,
            testTimeout: 60_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
