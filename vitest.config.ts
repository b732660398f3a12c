// Tests run inside workerd with the real local D1 / R2 / Durable Objects that wrangler simulates;
// migrations are the same SQL files wrangler applies, read here and applied in a setup file.
//  - worker: unit and API tests against the Worker built from source (functions/), with Astro's
//    renderer swapped out, since its virtual modules exist only inside an Astro build;
//  - pages: statistics and page tests against the BUILT Worker (`astro build`, run by npm's pretest),
//    real Astro pages included.
import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./schema/migrations');
  const miniflare = { bindings: { TEST_MIGRATIONS: migrations, STATS_SALT: 'test-salt-not-secret' } };
  const setupFiles = ['./tests/setup/apply-migrations.ts'];
  return {
    test: {
      projects: [
        {
          plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare })],
          resolve: {
            alias: { '@astrojs/cloudflare/handler': resolve('tests/support/astro-handler-stub.ts') },
          },
          test: { name: 'worker', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'], setupFiles },
        },
        {
          plugins: [cloudflareTest({ wrangler: { configPath: './dist/server/wrangler.json' }, miniflare })],
          test: { name: 'pages', include: ['tests/stats/**/*.test.ts', 'tests/pages/**/*.test.ts'], setupFiles },
        },
      ],
    },
  };
});
