// drizzle-kit reads the tables and writes SQL migrations that wrangler and the tests apply.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './schema/tables.ts',
  out: './schema/migrations',
});
