// The Worker project's webhook receiver (tests/support/webhook-receiver.ts), started once in Node: the
// dispatcher's sends in workerd reach it over real loopback HTTP; its origin is given to tests by inject().
import type { TestProject } from 'vitest/node';
import { startReceiver } from '../support/webhook-receiver.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}

export default async function setup(project: TestProject) {
  const receiver = await startReceiver();
  project.provide('webhookReceiver', receiver.origin);
  return () => receiver.close();
}
