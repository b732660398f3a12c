// The version a guarded write's revision records: the row's new version, or NULL (a failed batch: the revision's
// version is NOT NULL) unless the guarded update before it in the same batch happened. Articles, documents, pages.
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

export const guardedVersion = (table: SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn }, id: number, version: number): SQL =>
  sql`(select ${table.version} from ${table} where ${table.id} = ${id} and ${table.version} = ${version})`;
