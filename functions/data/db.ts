// The one door to D1: a drizzle client over the DB binding, typed by the schema.
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from '../../schema/tables.ts';

export type Db = DrizzleD1Database<typeof schema>;

const clients = new WeakMap<D1Database, Db>();

export function database(d1: D1Database): Db {
  let db = clients.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    clients.set(d1, db);
  }
  return db;
}

/**
 * A batch refused because a row it points at went meanwhile (a tag merged away, a menu item removed while
 * another editor moved one under it): D1 rolled the batch back; the caller says the thing is gone.
 */
export function foreignKeyFailed(error: unknown): boolean {
  const e = error as Error & { cause?: Error };
  return /FOREIGN KEY constraint failed/.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`);
}
