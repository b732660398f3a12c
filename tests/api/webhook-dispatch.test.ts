// The webhook dispatcher's alarm loop against real local D1 and the real Durable Object: kicks only set the
// alarm, a run with nothing due leaves none.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { kickWebhooks, webhookDispatcher } from '../../functions/webhooks/kick.ts';

describe('kickWebhooks', () => {
  it('sets the site dispatcher alarm to now, bringing a later one forward, and a run with nothing due clears it', async () => {
    const siteId = 900_001;
    const before = Date.now();
    await kickWebhooks(env, siteId);
    const stub = webhookDispatcher(env, siteId);
    const set = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    expect(set).not.toBeNull();
    expect(set!).toBeGreaterThanOrEqual(before);
    expect(set!).toBeLessThanOrEqual(Date.now());
    // A later alarm (the next retry's) is brought forward to now.
    await runInDurableObject(stub, (_o, state) => state.storage.setAlarm(Date.now() + 3_600_000));
    await kickWebhooks(env, siteId);
    expect(await runInDurableObject(stub, (_o, state) => state.storage.getAlarm())).toBeLessThanOrEqual(Date.now());
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runInDurableObject(stub, (_o, state) => state.storage.getAlarm())).toBeNull();
  });

  it('never throws: a failing dispatcher is logged', async () => {
    const broken = { WEBHOOKS: { idFromName: () => { throw new Error('no namespace'); } } } as unknown as Env;
    await expect(kickWebhooks(broken, 1)).resolves.toBeUndefined();
  });
});
