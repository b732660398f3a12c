// People for the Worker tests: a signed-in session as the admin pages get it (its working site and
// roles resolved), and the platform's first site, which callers that name no site default to.
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { database } from '../../functions/data/db.ts';
import { createSession, readSession, type Session } from '../../functions/data/sessions.ts';

/** The platform's first site (lowest id): where createUser puts a role when no site is named. */
export async function firstSiteId(): Promise<number> {
  return (await database(env.DB).get<{ id: number }>(sql`select min(id) as id from sites`)).id;
}

/** A fresh session of the account, read back as the middleware reads it. */
export async function sessionOf(userId: number, now = new Date()): Promise<Session> {
  const db = database(env.DB);
  const { id } = await createSession(db, userId, now);
  const session = await readSession(db, id, now);
  if (!session) throw new Error(`account ${userId} has no site to work on`);
  return session;
}
