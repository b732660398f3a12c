// The export endpoints' query and answers, for the OpenAPI document (functions/routes.ts).
import { z } from 'zod';

export const ExportQuery = z.object({
  site: z.string().optional().describe('Another site by one of its hostnames (all-sites token only)'),
  scope: z.literal('all').optional().describe('Every site, accounts included (all-sites token only)'),
  secrets: z.literal('1').optional().describe('Include password and token hashes, TOTP seeds and recovery codes (all-sites token only)'),
});

export const ExportPageQuery = ExportQuery.extend({
  cursor: z.string().optional().describe('Export-Next-Cursor of the previous page'),
  limit: z.string().optional().describe('Rows per page, 1-500 (default 200); objects per page 1-1000'),
});

export const ExportObjectQuery = ExportQuery.extend({
  'site-id': z.string().describe('The object\'s site id, as the listing gave it'),
  key: z.string().describe('The object\'s key, as the listing gave it'),
});

export const ExportManifestOut = z.object({
  createdAt: z.string(),
  schema: z.string().describe('The last migration applied'),
  scope: z.union([z.literal('all'), z.object({ sites: z.array(z.number()) })]),
  withSecrets: z.boolean(),
  sites: z.array(z.object({ id: z.number(), name: z.string(), hosts: z.array(z.string()) })),
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()).optional(), key: z.array(z.string()).optional(), skipped: z.string().optional() })),
});

export const ExportMediaOut = z.object({
  objects: z.array(z.object({ siteId: z.number(), key: z.string(), size: z.number(), contentType: z.string().nullable(), cacheControl: z.string().nullable(), customMetadata: z.record(z.string(), z.string()) })),
  next: z.string().nullable(),
});

export const ExportVisitsOut = z.record(z.string(), z.object({
  total: z.number(), offset: z.number(), days: z.array(z.object({ day: z.string(), visits: z.number() })),
}));

export const ExportBackupsOut = z.object({
  backups: z.array(z.object({
    id: z.string().describe('The backup\'s folder: its start instant (2026-11-30T19-00-00Z)'),
    startedAt: z.string(), finishedAt: z.string().nullable(),
    size: z.number().describe('Bytes of its files (the media it names are not copied)'), tables: z.number(), rows: z.number(),
  })),
});
