// Security headers on every HTML page: a CSP with no inline scripts (scripts are files of our own),
// no framing of the admin, nosniff, a strict referrer policy (unless the page set its own), HSTS over https.

const CSP_READER = [
  "default-src 'self'",
  "script-src 'self'",
  // Astro inlines the small stylesheet: inline styles cannot run code, inline scripts stay forbidden.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const CSP_ADMIN = CSP_READER.replace("frame-ancestors 'self'", "frame-ancestors 'none'");

export function withSecurityHeaders(request: Request, response: Response): Response {
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html')) {
    if (!response.headers.has('X-Content-Type-Options')) {
      const out = new Response(response.body, response);
      out.headers.set('X-Content-Type-Options', 'nosniff');
      return out;
    }
    return response;
  }
  const url = new URL(request.url);
  const admin = url.pathname === '/admin' || url.pathname.startsWith('/admin/');
  const out = new Response(response.body, response);
  out.headers.set('Content-Security-Policy', admin ? CSP_ADMIN : CSP_READER);
  out.headers.set('X-Content-Type-Options', 'nosniff');
  // A page that chose a stricter policy keeps it: the preview sends no-referrer so its secret URL
  // never reaches another site through a link or an image.
  if (!out.headers.has('Referrer-Policy')) out.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  out.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (admin) out.headers.set('X-Frame-Options', 'DENY');
  if (url.protocol === 'https:') out.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return out;
}
