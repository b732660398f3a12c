// A D1 binding for tests that count or explain the statements a request runs (query plans, sitemap slices).
import { env } from 'cloudflare:workers';

export interface Recorded {
  sql: string;
  params: unknown[];
}

/** A D1 binding that notes every statement bound through it and runs it on the real database. */
export function recordingD1(into: Recorded[]): D1Database {
  return {
    prepare(sql: string) {
      return {
        bind(...params: unknown[]) {
          into.push({ sql, params });
          return env.DB.prepare(sql).bind(...params);
        },
      };
    },
    batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
  } as unknown as D1Database;
}
