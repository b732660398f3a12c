// The global header step on real Responses: every HTML page gets the defaults, and a page's own
// stricter Referrer-Policy (the preview's no-referrer) survives it.
import { describe, expect, it } from 'vitest';
import { withSecurityHeaders } from '../../functions/http/security-headers.ts';

const html = (headers: Record<string, string> = {}) =>
  new Response('<!doctype html><p>x</p>', { headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });

describe('withSecurityHeaders', () => {
  it('keeps the Referrer-Policy a page set for itself (the preview: no-referrer)', async () => {
    const out = withSecurityHeaders(new Request('https://cms.test/xem-truoc/abc'), html({ 'Referrer-Policy': 'no-referrer' }));
    expect(out.headers.get('Referrer-Policy')).toBe('no-referrer');
    // The rest of the step still applies.
    expect(out.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(out.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await out.text()).toBe('<!doctype html><p>x</p>');
  });

  it('gives a page without its own policy strict-origin-when-cross-origin', () => {
    const out = withSecurityHeaders(new Request('https://cms.test/bai-viet/x'), html());
    expect(out.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(out.headers.get('Strict-Transport-Security')).toMatch(/^max-age=/);
  });
});
