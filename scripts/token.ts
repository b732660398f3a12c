// API tokens in the local database: `npm run --silent token -- create --name NAME [--scopes read,write]`
// prints only the token on stdout (everything else goes to stderr), so `TOKEN=$(...)` just works.
import { parseArgs } from 'node:util';
import { TOKEN_SCOPES, type TokenScope } from '../schema/tables.ts';
import { createToken } from '../functions/data/tokens.ts';
import { database } from '../functions/data/db.ts';
import { applyLocalMigrations, withLocalEnv } from './local-db.ts';

const USAGE = `Usage: npm run --silent token -- create --name NAME [--scopes read,write]

Creates an API token in the local database (the one \`npm start\` serves) and prints
only the token on stdout. It is shown once: only its SHA-256 hash is stored.

Options:
  --name NAME       who or what the token is for (1-100 characters), e.g. "ci"
  --scopes LIST     comma-separated, from: ${TOKEN_SCOPES.join(', ')} (default: read,write)
  --persist-to DIR  local state directory, as for wrangler dev (default: .wrangler/state)
  -h, --help        show this help

Example:
  TOKEN=$(npm run --silent token -- create --name ci)
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8787/api/v1/articles
`;

class UsageError extends Error {}

interface CreateCommand {
  name: string;
  scopes: TokenScope[];
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
        scopes: { type: 'string' },
        'persist-to': { type: 'string' },
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
  const requested = (values.scopes ?? 'read,write').split(',').map((s) => s.trim()).filter(Boolean);
  if (requested.length === 0) throw new UsageError(`--scopes needs at least one of: ${TOKEN_SCOPES.join(', ')}.`);
  for (const s of requested) {
    if (!(TOKEN_SCOPES as readonly string[]).includes(s)) {
      throw new UsageError(`Unknown scope "${s}": use ${TOKEN_SCOPES.join(', ')}.`);
    }
  }
  return { name, scopes: [...new Set(requested)] as TokenScope[], persistTo: values['persist-to'] };
}

async function main(argv: string[]): Promise<number> {
  let command: CreateCommand | 'help';
  try {
    command = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`token: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const { name, scopes, persistTo } = command;
  await applyLocalMigrations({ persistTo, quiet: true });
  const { id, token } = await withLocalEnv((env) => createToken(database(env.DB), name, scopes), { persistTo, quiet: true });
  process.stderr.write(`token: created token #${id} "${name}" with scopes ${scopes.join(',')} (shown once).\n`);
  process.stdout.write(token + '\n');
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
