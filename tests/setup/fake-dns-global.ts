// The Worker project's DNS-over-HTTPS server (tests/support/fake-dns.ts), started once in Node: the
// webhook URL guard in workerd asks it over real loopback HTTP; its origin is given to tests by inject().
import type { TestProject } from 'vitest/node';
import { startFakeDns } from '../support/fake-dns.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fakeDns: string;
  }
}

export default async function setup(project: TestProject) {
  const dns = await startFakeDns();
  project.provide('fakeDns', dns.origin);
  return () => dns.close();
}
