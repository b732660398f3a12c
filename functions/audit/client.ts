// The client of the request being served (CF-Connecting-IP and User-Agent), held for the request's whole
// async run by the Worker entry, so an audit entry written deep inside a write service (which never sees
// the Request, and is also called by the cron and CLI) still says which client it came from.
/// <reference types="node" />
import { AsyncLocalStorage } from 'node:async_hooks';

export interface AuditClient {
  ip: string;
  userAgent: string;
}

const NO_CLIENT: AuditClient = { ip: '', userAgent: '' };
/** The request only: its client is worked out when an entry asks (a write), not on every page view. */
const storage = new AsyncLocalStorage<Request>();

/** A User-Agent is the client's to choose: kept to a length a log row can afford. */
const MAX_USER_AGENT = 400;

export const clientOf = (request: Request): AuditClient => ({
  ip: request.headers.get('CF-Connecting-IP') ?? '',
  userAgent: (request.headers.get('User-Agent') ?? '').slice(0, MAX_USER_AGENT),
});

/** Runs the request's handling with its client known to every audit entry written meanwhile. */
export const withClient = <T>(request: Request, run: () => T): T => storage.run(request, run);

/** The client of the request being served; empty outside one (the cron, a command-line tool). */
export const currentClient = (): AuditClient => {
  const request = storage.getStore();
  return request ? clientOf(request) : NO_CLIENT;
};
