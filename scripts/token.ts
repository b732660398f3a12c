// API tokens in the local database: `npm run --silent token -- create --name NAME [--site HOST]
// [--scopes read,write,import] [--all-sites]` prints only the token on stdout (everything else goes to
// stderr), so `TOKEN=$(...)` just works. A token belongs to one site: the site of HOST, or the platform's
// first; --all-sites makes a platform token every site accepts (imports of any site with ?site=HOST).
import { parseArgs } from 'node:util';
import { TOKEN_SCOPES, type TokenScope } from '../schema/tables.ts';
import { createToken } from '../functions/data/tokens.ts';
import { database, type Db } from '../functions/data/db.ts';
import { listSites, siteIdOfHost } from '../functions/data/sites.ts';
import { CommandError, runCli, UsageError } from './cli.ts';
import { isBusy, migrateIfPending, whileBusy } from './import/busy.ts';
import { withLocalEnv } from './local-db.ts';

const USAGE = `Usage: npm run --silent token -- create --name NAME [--site HOST] [--scopes read,write] [--all-sites]

Creates an API token of one site in the local database (the one \`npm start\` serves) and
prints only the token on stdout. It is shown once: only its SHA-256 hash is stored. The
token reads drafts of and writes to that site only; on another site's host it is refused.

Options:
  --name NAME       who or what the token is for (1-100 characters), e.g. "ci"
  --site HOST       a hostname of the token's site (default: the platform's first site)
  --scopes LIST     comma-separated, from: ${TOKEN_SCOPES.join(', ')} (default: read,write);
                    import: the bulk import and export endpoints (npm run import / export --remote)
                    admin: the site's webhooks (/api/v1/webhooks: register, change, delete, redeliver)
  --all-sites       a platform token for the whole deployment: accepted on every site's host, and
                    the import endpoints take any site with ?site=HOST (the CLIs' --site)
  --persist-to DIR  local state directory, as for wrangler dev (default: .wrangler/state)
  -h, --help        show this help

Example:
  TOKEN=$(npm run --silent token -- create --name ci)
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8787/api/v1/articles
  TOKEN=$(npm run --silent token -- create --name ci --site xa-a.localhost)
  curl -H "Authorization: Bearer $TOKEN" http://xa-a.localhost:8787/api/v1/articles
  TOKEN=$(npm run --silent token -- create --name migration --scopes import --all-sites)
`;

interface CreateCommand {
  name: string;
  /** A hostname of the token's site; null: the platform's first site. */
  host: string | null;
  scopes: TokenScope[];
  allSites: boolean;
  persistTo: string | undefined;
}

function parse(argv: string[]): CreateCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        site: { type: 'string' },
        scopes: { type: 'string' },
        'persist-to': { type: 'string' },
        'all-sites': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return 'help';
  if (positionals.length === 0) throw new UsageError('Missing command: use "create".');
  if (positionals[0] !== 'create') throw new UsageError(`Unknown command "${positionals[0]}": use "create".`);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  const name = values.name?.trim();
  if (!name) throw new UsageError('--name is required, e.g. --name ci');
  if (name.length > 100) throw new UsageError('--name must be at most 100 characters.');
  const host = values.site === undefined ? null : values.site.trim().toLowerCase();
  if (host === '') throw new UsageError('--site needs a hostname, e.g. --site xa-a.thainguyen.gov.vn');
  const requested = (values.scopes ?? 'read,write').split(',').map((s) => s.trim()).filter(Boolean);
  if (requested.length === 0) throw new UsageError(`--scopes needs at least one of: ${TOKEN_SCOPES.join(', ')}.`);
  for (const s of requested) {
    if (!(TOKEN_SCOPES as readonly string[]).includes(s)) {
      throw new UsageError(`Unknown scope "${s}": use ${TOKEN_SCOPES.join(', ')}.`);
    }
  }
  return { name, host, scopes: [...new Set(requested)] as TokenScope[], allSites: values['all-sites'] ?? false, persistTo: values['persist-to'] };
}

/** The token's site: the one HOST names, or the first site (lowest id); CommandError if HOST names none. */
async function siteOfCommand(db: Db, host: string | null): Promise<number> {
  const siteId = host === null ? (await listSites(db))[0]?.id ?? null : await siteIdOfHost(db, host);
  if (siteId === null) {
    throw new CommandError(host === null ? 'the database has no site yet.' : `no site has the hostname "${host}" (npm run --silent site -- list shows them).`);
  }
  return siteId;
}

async function run(command: CreateCommand): Promise<number> {
  const { name, host, scopes, allSites, persistTo } = command;
  // The server may be committing (an import running): its write lock is held for milliseconds, and here even a read waits.
  let said = false;
  const busy = {
    onBusy: () => {
      if (!said) process.stderr.write('token: the local database is locked (the CMS writing); trying again…\n');
      said = true;
    },
  };
  let created: { id: number; token: string; siteId: number };
  try {
    await migrateIfPending({ persistTo, ...busy });
    created = await withLocalEnv((env) => whileBusy(async () => {
      const db = database(env.DB);
      const siteId = await siteOfCommand(db, host);
      return { ...(await createToken(db, siteId, name, scopes, null, { allSites })), siteId };
    }, busy), { persistTo, quiet: true });
  } catch (error) {
    if (isBusy(error)) throw new CommandError('the local database stayed locked for 10 s (the CMS busy writing?): try again.');
    throw error;
  }
  process.stderr.write(`token: created token #${created.id} "${name}" of site ${created.siteId} (${host ?? 'the first site'}) with scopes ${scopes.join(',')}${allSites ? ', accepted on every site' : ''} (shown once).\n`);
  process.stdout.write(created.token + '\n');
  return 0;
}

if (import.meta.main) process.exitCode = await runCli({ name: 'token', usage: USAGE, parse, run });
