// Sites in the local database: `npm run --silent site -- create --name NAME --host HOST [--parent HOST]`
// prints only the new site's URL on stdout; `npm run --silent site -- list` prints every site.
// A running `npm start` serves a new site within a second (its registry refreshes on that bound).
import { parseArgs } from 'node:util';
import { database } from '../functions/data/db.ts';
import { createSite, listSites, reservedHosts, siteIdOfHost, SiteInvalid, type SiteDetails } from '../functions/data/sites.ts';
import { isLoopback } from '../functions/sites/resolve.ts';
import { CommandError, runCli, UsageError } from './cli.ts';
import { applyLocalMigrations, withLocalEnv } from './local-db.ts';

const USAGE = `Usage:
  npm run --silent site -- create --name NAME --host HOST [--host HOST2 ...] [--parent HOST] [--subtitle TEXT]
                                  [--color #rrggbb] [--visit-offset N]
  npm run --silent site -- list

create   makes a site in the local database (the one \`npm start\` serves) with the default categories,
         and prints only its URL on stdout. The first --host is canonical; the others redirect to it.
list     prints every site: id, name, hostnames, parent, status (tab-separated).

Options:
  --name NAME         the portal's name, e.g. "Cổng thông tin điện tử xã Đại Phúc"
  --host HOST         a hostname without scheme or port, e.g. xa-dai-phuc.thainguyen.gov.vn, or
                      xa-dai-phuc.localhost to try it locally (repeat for more hostnames)
  --parent HOST       a hostname of the province this commune belongs to (its news rolls up there)
  --subtitle TEXT     the "Cơ quan chủ quản" line under the name
  --color #rrggbb     the primary colour (default: the portal red)
  --visit-offset N    the historic visit total the counter starts from (default 0)
  --persist-to DIR    local state directory, as for wrangler dev (default: .wrangler/state)
  -h, --help          show this help
`;

type Command =
  | { kind: 'list'; persistTo: string | undefined }
  | { kind: 'create'; persistTo: string | undefined; name: string; hosts: string[]; parent: string | undefined; subtitle: string | undefined; color: string | undefined; visitOffset: number | undefined };

function parse(argv: string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        name: { type: 'string' }, host: { type: 'string', multiple: true }, parent: { type: 'string' },
        subtitle: { type: 'string' }, color: { type: 'string' }, 'visit-offset': { type: 'string' },
        'persist-to': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return 'help';
  const persistTo = values['persist-to'];
  if (positionals.length === 0) throw new UsageError('Missing command: use "create" or "list".');
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  if (positionals[0] === 'list') return { kind: 'list', persistTo };
  if (positionals[0] !== 'create') throw new UsageError(`Unknown command "${positionals[0]}": use "create" or "list".`);
  const name = values.name?.trim();
  if (!name) throw new UsageError('--name is required, e.g. --name "Cổng thông tin điện tử xã Đại Phúc"');
  if (!values.host?.length) throw new UsageError('--host is required, e.g. --host xa-dai-phuc.localhost');
  let visitOffset: number | undefined;
  if (values['visit-offset'] !== undefined) {
    if (!/^\d+$/.test(values['visit-offset'])) throw new UsageError('--visit-offset is a whole number, 0 or more.');
    visitOffset = Number(values['visit-offset']);
  }
  return { kind: 'create', persistTo, name, hosts: values.host, parent: values.parent, subtitle: values.subtitle, color: values.color, visitOffset };
}

/** The URL a person opens: https for real hostnames; *.localhost on the port `npm start` serves (PORT, default 8787). */
export function siteUrl(host: string, port = process.env['PORT'] || '8787'): string {
  return isLoopback(host) ? `http://${host}:${port}/` : `https://${host}/`;
}

function listLines(list: SiteDetails[]): string[] {
  const byId = new Map(list.map((s) => [s.id, s]));
  const parentOf = (s: SiteDetails) => {
    if (s.parentId === null) return '-';
    const parent = byId.get(s.parentId);
    return parent?.hosts[0] ?? `#${s.parentId}`;
  };
  return [
    ['id', 'name', 'hosts', 'parent', 'status'].join('\t'),
    ...list.map((s) => [s.id, s.name || '(SITE_NAME)', s.hosts.join(',') || '-', parentOf(s), s.status].join('\t')),
  ];
}

async function create(command: Extract<Command, { kind: 'create' }>): Promise<SiteDetails> {
  return withLocalEnv(async (env) => {
    const db = database(env.DB);
    let parentId: number | null = null;
    if (command.parent !== undefined) {
      parentId = await siteIdOfHost(db, command.parent);
      if (parentId === null) throw new CommandError(`no site has the hostname "${command.parent}" (see: npm run --silent site -- list).`);
    }
    try {
      return await createSite(db, {
        name: command.name, hosts: command.hosts, parentId, subtitle: command.subtitle,
        primaryColor: command.color, visitOffset: command.visitOffset,
      }, { reserved: reservedHosts(env as Partial<Env>) });
    } catch (error) {
      if (error instanceof SiteInvalid) throw new CommandError(error.problems.map((p) => p.message).join('\n      '));
      throw error;
    }
  }, { persistTo: command.persistTo, quiet: true });
}

async function run(command: Command): Promise<number> {
  await applyLocalMigrations({ persistTo: command.persistTo, quiet: true });
  if (command.kind === 'list') {
    const list = await withLocalEnv((env) => listSites(database(env.DB)), { persistTo: command.persistTo, quiet: true });
    process.stdout.write(listLines(list).join('\n') + '\n');
    return 0;
  }
  // A refusal about the data (host taken, bad host, unknown parent) is a CommandError: exit 1, not a usage error.
  const site = await create(command);
  process.stderr.write(`site: created site #${site.id} "${site.name}" on ${site.hosts.join(', ')}${site.parentId ? ` (commune of site #${site.parentId})` : ''}.\n`);
  process.stdout.write(siteUrl(site.hosts[0]!) + '\n');
  return 0;
}

if (import.meta.main) process.exitCode = await runCli({ name: 'site', usage: USAGE, parse, run });
