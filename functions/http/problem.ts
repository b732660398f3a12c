// HTTP errors: thrown anywhere as HttpError (or as a domain error by the write service and the data
// layer), turned into application/problem+json (RFC 9457) here only.
import { DomainError, type FieldError } from '../articles/errors.ts';
import { CORS_READ_HEADERS } from './cors.ts';

export type { FieldError };

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Problem types are documented URIs of ours, stable for clients to switch on. */
const TYPE_BASE = 'https://bientap.dev/problems/';

export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    type: string,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.type = type;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/** The one mapping of domain errors to HTTP: statuses and problem types clients already switch on. */
export function httpErrorOf(error: DomainError): HttpError {
  const errors = 'errors' in error ? { errors: error.errors as FieldError[] } : {};
  switch (error.code) {
    case 'not-found':
      return new HttpError(404, 'not-found', error.message);
    case 'version-conflict':
      return new HttpError(412, 'version-conflict', error.message);
    case 'slug-taken':
      return new HttpError(409, 'slug-taken', error.message, errors);
    case 'invalid-fields':
      return new HttpError(422, 'validation-failed', error.message, errors);
    case 'gone':
      return new HttpError(410, 'trash-expired', error.message);
    case 'invalid-cursor':
      return new HttpError(400, 'invalid-cursor', error.message, errors);
    case 'site-archived':
      return new HttpError(409, 'site-archived', error.message);
  }
}

export function problemResponse(error: unknown, request?: Request): Response {
  const known = error instanceof HttpError ? error : error instanceof DomainError ? httpErrorOf(error) : undefined;
  if (!known) {
    // The cause goes to the logs, never to the client.
    console.error('unhandled error', request?.method, request ? new URL(request.url).pathname : '', error);
  }
  const status = known?.status ?? 500;
  const body: Record<string, unknown> = {
    type: TYPE_BASE + (known?.type ?? 'internal'),
    title: TITLES[status] ?? 'Error',
    status,
    detail: known?.message ?? 'The server could not complete the request. It has been logged.',
  };
  if (request) body.instance = new URL(request.url).pathname;
  if (known?.errors?.length) body.errors = known.errors;
  // A reader on another site must see a 404 as a 404, not as a network error.
  const isRead = request && ['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(isRead ? CORS_READ_HEADERS : {}),
      ...known?.headers,
    },
  });
}

export const notFound = (detail: string) => new HttpError(404, 'not-found', detail);
