// JSON answers of the admin's script endpoints (paste conversion, media library upload and search): never cached.

/** A JSON response for the admin's own scripts: private and no-store, since it carries a signed-in user's data. */
export const jsonAnswer = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' } });
