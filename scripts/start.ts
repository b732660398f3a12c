// `npm start`: local secrets, migrations, demo content if the database is empty, a build, then the
// same Worker that deploys (dist/server), under `wrangler dev` on http://127.0.0.1:${PORT:-8787} with local persistence
// (.wrangler/state), so a restart keeps every article and token.
import { describeSeed, seedIfEmpty } from './seed.ts';
import { ensureDevVars, portIsFree, startDevServer, waitUntilReady, type DevServer } from './dev-server.ts';
import { applyLocalMigrations, withLocalEnv } from './local-db.ts';
import { BUILT_CONFIG, buildSite } from './build-site.ts';
import { createDemoAdmin } from './user.ts';

const log = (line: string) => process.stderr.write(`start: ${line}\n`);

function portFromEnv(): number {
  const raw = process.env['PORT'] ?? '8787';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    log(`PORT must be a TCP port number (1-65535), not "${raw}".`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<number> {
  const port = portFromEnv();
  if (!(await portIsFree(port))) {
    log(`port ${port} on 127.0.0.1 is already in use: stop what listens there or set PORT, e.g. PORT=8788 npm start.`);
    return 1;
  }

  const created = await ensureDevVars();
  if (created.length) log(`wrote a random ${created.join(', ')} to .dev.vars (local secrets).`);
  log('applying database migrations (local D1)…');
  await applyLocalMigrations({ quiet: true });
  log(describeSeed(await withLocalEnv((env) => seedIfEmpty(env), { quiet: true })));
  const admin = await withLocalEnv((env) => createDemoAdmin(env), { quiet: true });

  log('building the site and the Worker (astro build)…');
  await buildSite();
  log(`starting wrangler dev on 127.0.0.1:${port}…`);
  const server = await startDevServer({ port, config: BUILT_CONFIG });
  forwardSignals(server);
  try {
    await waitUntilReady(server, '/api/v1/openapi.json');
  } catch (error) {
    log((error as Error).message);
    await server.stop();
    return 1;
  }
  const u = server.url;
  process.stdout.write(
    [
      '',
      `  Site      ${u}/`,
      `  API       ${u}/api/v1/articles`,
      `  OpenAPI   ${u}/api/v1/openapi.json`,
      `  Feeds     ${u}/feed.json  ${u}/rss.xml  ${u}/sitemap.xml`,
      '',
      `  Admin     ${u}/admin`,
      ...(admin ? [`            demo admin (local only): ${admin.email}  password: ${admin.password}`] : []),
      '  Write token: npm run --silent token -- create --name me',
      '  Stop with Ctrl+C. Data persists in .wrangler/state.',
      '',
    ].join('\n') + '\n',
  );
  return server.exited;
}

/** Ctrl+C / kill reach wrangler, which stops workerd; we exit with it. */
function forwardSignals(server: DevServer): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
    });
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  log(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exitCode = 1;
}
