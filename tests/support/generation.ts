// Breaking the real ContentVersion objects for a while: their table renamed away, so every current()
// throws inside workerd as a failing object would; mended afterwards with their generation kept.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { replicaCount } from '../../functions/cache/generation.ts';
import type { ContentVersion } from '../../functions/cache/content-version.ts';

const replicas = () => Array.from({ length: replicaCount(env) }, (_, i) => env.CONTENT_VERSION.getByName(`replica-${i}`));

export async function withBrokenGeneration(body: () => Promise<void>): Promise<void> {
  for (const r of replicas()) await runInDurableObject(r, (_: ContentVersion, state) => state.storage.sql.exec('ALTER TABLE version RENAME TO version_broken'));
  try {
    await body();
  } finally {
    for (const r of replicas()) await runInDurableObject(r, (_: ContentVersion, state) => state.storage.sql.exec('ALTER TABLE version_broken RENAME TO version'));
  }
}
