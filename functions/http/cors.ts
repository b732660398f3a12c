// CORS for reads: open to every origin. Writes get none of these, so browsers keep them same-origin.
export const CORS_READ_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'If-None-Match, Accept',
  'Access-Control-Expose-Headers': 'ETag, Link, Location',
  'Access-Control-Max-Age': '86400',
};
