// `npm start`: local secrets, migrations, demo content if the database is empty (Đồng Hỷ, the province
// of Thái Nguyên and two communes, each site on its own *.localhost name), a build, then the same Worker
// that deploys (dist/server), under `wrangler dev` on 127.0.0.1:${PORT:-8787} with local persistence
// (.wrangler/state, or PERSIST_TO / --persist-to DIR: a database restored there), so a restart keeps every
// article and token. It prints every site's URL and, on an empty database, the demo accounts with their
// generated passwords (local only).
import { parseArgs } from 'node:util';
import { database } from '../functions/data/db.ts';
import { listSites, siteIdOfHost, type SiteDetails } from '../functions/data/sites.ts';
import { createUser } from '../functions/data/users.ts';
import { describeSeed, seedIfEmpty } from './seed.ts';
import { FontMissing } from './demo-pdf.ts';
import { DEMO_ACCOUNTS, demoSites } from './demo-sites.ts';
import { ensureDevVars, portIsFree, startDevServer, waitUntilReady, type DevServer } from './dev-server.ts';
import { CommandError, runCli, UsageError } from './cli.ts';
import { applyLocalMigrations, persistRoot, withLocalEnv, type LocalEnv } from './local-db.ts';
import { BUILT_CONFIG, buildSite } from './build-site.ts';
import { createDemoAdmin, generatePassword } from './user.ts';

const log = (line: string) => process.stderr.write(`start: ${line}\n`);

const USAGE = `Usage: npm start [-- --persist-to DIR] [--no-build]

Serves the CMS locally on 127.0.0.1:$PORT (8787): migrations, demo content on an empty database, a build,
then wrangler dev of the built Worker. Stop with Ctrl+C.

Options:
  --persist-to DIR  the local state to serve (default .wrangler/state; also PERSIST_TO=DIR), e.g. the
                    folder \`npm run restore -- FILE --persist-to DIR\` restored into
  --no-build        serve dist/ as built already (a restart with unchanged code: a minute saved)
  -h, --help        show this help
`;

interface StartCommand {
  port: number;
  /** The state directory (wrangler dev --persist-to); undefined: .wrangler/state. */
  persistTo: string | undefined;
  build: boolean;
}

function parse(argv: string[]): StartCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, options: { 'persist-to': { type: 'string' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return 'help';
  const raw = process.env['PORT'] ?? '8787';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) throw new UsageError(`PORT must be a TCP port number (1-65535), not "${raw}".`);
  const persistTo = parsed.values['persist-to'] ?? (process.env['PERSIST_TO'] || undefined);
  if (persistTo !== undefined && persistTo.trim() === '') throw new UsageError('--persist-to needs a folder, e.g. --persist-to restored');
  return { port, persistTo, build: !parsed.values['no-build'] };
}

async function main({ port, persistTo, build }: StartCommand): Promise<number> {
  if (!(await portIsFree(port))) {
    throw new CommandError(`port ${port} on 127.0.0.1 is already in use: stop what listens there or set PORT, e.g. PORT=8788 npm start.`);
  }

  const created = await ensureDevVars();
  if (created.length) log(`wrote a random ${created.join(', ')} to .dev.vars (local secrets).`);
  log('applying database migrations (local D1)…');
  if (persistTo !== undefined) log(`serving the local state in ${persistRoot({ persistTo })}.`);
  await applyLocalMigrations({ persistTo, quiet: true });
  log(describeSeed(await withLocalEnv((env) => seedIfEmpty(env), { persistTo, quiet: true })));
  const { accounts, sites, firstName } = await withLocalEnv(async (env) => {
    const admin = await createDemoAdmin(env);
    // Only beside a fresh demo admin: on a database with accounts, nobody is added behind its admins' backs.
    const others = admin ? await createDemoAccounts(env) : [];
    return {
      accounts: admin ? [{ ...admin, what: 'platform admin (every site)' }, ...others] : [],
      sites: await listSites(database(env.DB)),
      // The first site's name while the registry has none (wrangler.toml [vars]; the proxy's env has them).
      firstName: (env as LocalEnv & { SITE_NAME?: string }).SITE_NAME ?? '',
    };
  }, { persistTo, quiet: true });

  if (build) {
    log('building the site and the Worker (astro build)…');
    await buildSite();
  }
  log(`starting wrangler dev on 127.0.0.1:${port}…`);
  const server = await startDevServer({ port, config: BUILT_CONFIG, persistTo });
  forwardSignals(server);
  try {
    await waitUntilReady(server, '/api/v1/openapi.json');
  } catch (error) {
    log((error as Error).message);
    await server.stop();
    return 1;
  }
  const u = server.url;
  const first = sites[0];
  const admin = first?.hosts[0] ? siteUrl(first.hosts[0], port) : u;
  process.stdout.write(
    [
      '',
      '  Sites (each on its own name; Chromium and curl resolve *.localhost to 127.0.0.1):',
      ...sites.map((s) => `    ${siteLine(s, sites, port, u, firstName)}`),
      '',
      `  API       ${u}/api/v1/articles   (on any site's host: that site's articles)`,
      `  OpenAPI   ${u}/api/v1/openapi.json`,
      `  Feeds     ${u}/feed.json  ${u}/rss.xml  ${u}/sitemap.xml`,
      '',
      `  Admin     ${admin}/admin   (one sign-in for every site the account has a role on)`,
      ...accounts.map((a) => `            ${a.what} (local only): ${a.email}  password: ${a.password}`),
      '  Write token: npm run --silent token -- create --name me [--site HOST]',
      '  New site:    npm run --silent site -- create --name NAME --host xa-moi.localhost [--parent thainguyen.localhost]',
      `  Stop with Ctrl+C. Data persists in ${persistTo ?? '.wrangler/state'}.`,
      '',
    ].join('\n') + '\n',
  );
  return server.exited;
}

/** The commune editor and the province admin of the demo, each with a fresh random password. */
async function createDemoAccounts(env: Pick<LocalEnv, 'DB'>): Promise<{ email: string; password: string; what: string }[]> {
  const db = database(env.DB);
  const out = [];
  for (const account of DEMO_ACCOUNTS) {
    const site = demoSites.find((s) => s.key === account.site)!;
    const siteId = await siteIdOfHost(db, site.host);
    if (siteId === null) continue; // the demo sites were not seeded (a database that had content)
    const password = generatePassword();
    await createUser(db, { email: account.email, name: account.name, password, role: account.role, siteId });
    out.push({ email: account.email, password, what: `${account.role} of ${site.name.replace('Cổng thông tin điện tử ', '')}` });
  }
  return out;
}

/** A site's address as npm start serves it: its canonical *.localhost name on our port. */
function siteUrl(host: string, port: number): string {
  return `http://${host}:${port}`;
}

function siteLine(site: SiteDetails, sites: SiteDetails[], port: number, loopback: string, firstName: string): string {
  const url = site.hosts[0] ? siteUrl(site.hosts[0], port) : loopback;
  const parent = site.parentId === null ? '' : `  (under ${sites.find((s) => s.id === site.parentId)?.hosts[0] ?? `#${site.parentId}`})`;
  const status = site.status === 'archived' ? '  [archived]' : '';
  return `${(site.name || firstName).padEnd(48)} ${url}/${parent}${status}`;
}

/** Ctrl+C / kill reach wrangler, which stops workerd; we exit with it. */
function forwardSignals(server: DevServer): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
    });
  }
}

process.exitCode = await runCli({
  name: 'start',
  usage: USAGE,
  parse,
  run: main,
  // A missing font (the demo documents' PDFs) is the machine's setup: its message says what to install.
  unexpected: (error) => (error instanceof FontMissing ? error.message : error instanceof Error ? error.stack ?? error.message : String(error)),
});
