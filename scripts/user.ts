// Editors' accounts in the local database: `npm run --silent user -- create --email EMAIL --role ROLE`
// generates a password and prints only that on stdout. `createDemoAdmin` is what `npm start` uses on an
// empty database (local only: nothing like it runs on deploy; see README "Deploying").
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../schema/tables.ts';
import { database } from '../functions/data/db.ts';
import { countUsers, createUser } from '../functions/data/users.ts';
import { applyLocalMigrations, withLocalEnv, type LocalEnv } from './local-db.ts';

const USAGE = `Usage: npm run --silent user -- create --email EMAIL --role ROLE [--name NAME]

Creates an account in the local database and prints only its generated password.

Options:
  --email EMAIL     the sign-in address
  --role ROLE       one of: ${ROLES.join(', ')}
  --name NAME       display name (default: the part of the address before @)
  --persist-to DIR  local state directory, as for wrangler dev (default: .wrangler/state)
  -h, --help        show this help
`;

export const DEMO_ADMIN_EMAIL = 'admin@dongy.example.vn';

/** 20 characters from an unambiguous alphabet: about 110 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** On an empty database: a demo admin with a fresh random password, or null if accounts exist. */
export async function createDemoAdmin(env: Pick<LocalEnv, 'DB'>): Promise<{ email: string; password: string } | null> {
  const db = database(env.DB);
  if ((await countUsers(db)) > 0) return null;
  const password = generatePassword();
  await createUser(db, { email: DEMO_ADMIN_EMAIL, name: 'Quản trị viên (demo)', role: 'admin', password });
  return { email: DEMO_ADMIN_EMAIL, password };
}

class UsageError extends Error {}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'persist-to': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help' as const;
  if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError('Use the command "create".');
  const email = values.email?.trim() ?? '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email needs a valid address, e.g. --email bientap@dongy.gov.vn');
  const role = values.role ?? '';
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
  return { email, role: role as Role, name: values.name ?? email.split('@')[0]!, persistTo: values['persist-to'] };
}

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`user: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const { email, role, name, persistTo } = command;
  await applyLocalMigrations({ persistTo, quiet: true });
  const password = generatePassword();
  try {
    await withLocalEnv((env) => createUser(database(env.DB), { email, name, role, password }), { persistTo, quiet: true });
  } catch (error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (`${(error as Error).message} ${cause instanceof Error ? cause.message : ''}`.includes('UNIQUE')) {
      process.stderr.write(`user: an account with ${email} already exists.\n`);
      return 1;
    }
    // drizzle's message repeats the query parameters, the password hash among them: never print it.
    process.stderr.write(`user: could not create the account: ${cause instanceof Error ? cause.message : 'database error'}\n`);
    return 1;
  }
  process.stderr.write(`user: created ${role} ${email} (the password is shown once).\n`);
  process.stdout.write(password + '\n');
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`user: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
