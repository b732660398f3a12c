// POST /admin/logout: ends the session in the database (not only the cookie), then back to sign-in.
// The middleware has already checked the session and the CSRF token. GET changes nothing.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { clearedSessionCookie } from '../../../functions/auth/cookies.ts';
import { database } from '../../../functions/data/db.ts';
import { deleteSession } from '../../../functions/data/sessions.ts';
import { recordAudit } from '../../../functions/audit/log.ts';

export const POST: APIRoute = async ({ request, locals }) => {
  if (locals.session) {
    const db = database(env.DB);
    await deleteSession(db, locals.session.idHash);
    const user = locals.session.user;
    await recordAudit(db, { siteId: null, actorId: user.id, actorLabel: user.email, action: 'sign-out', at: new Date() });
  }
  return new Response(null, {
    status: 303,
    headers: { Location: '/admin/login', 'Set-Cookie': clearedSessionCookie(request), 'Cache-Control': 'private, no-store' },
  });
};
