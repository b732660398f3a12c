// Tests run inside workerd with the real local D1 / R2 (and later Durable Objects) that wrangler
// simulates; migrations are the same SQL files wrangler applies, read here and applied in setup.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./schema/migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, STATS_SALT: 'test-salt-not-secret' } },
      }),
    ],
    test: {
      include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/stats/**/*.test.ts'],
      setupFiles: ['./tests/setup/apply-migrations.ts'],
    },
  };
});
