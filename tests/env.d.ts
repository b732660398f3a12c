// Test-only bindings added by vitest.config.ts.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    /** Empty until tests/api/upgrade.test.ts fills it (vitest.config.ts). */
    UPGRADE_DB: D1Database;
  }
}
