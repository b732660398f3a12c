// Editors' accounts in the local database: `npm run --silent user -- create --email EMAIL --role ROLE
// [--site HOST]` (a role on one site, default the platform's first) or `--role platform-admin` (every
// site) generates a password and prints only that on stdout. `createDemoAdmin` is what `npm start` uses
// on an empty database: a platform admin (local only: nothing like it runs on deploy; see README "Deploying").
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../schema/tables.ts';
import { database } from '../functions/data/db.ts';
import { siteIdOfHost } from '../functions/data/sites.ts';
import { countUsers, createUser, PLATFORM_ADMIN } from '../functions/data/users.ts';
import { CommandError, runCli, UsageError } from './cli.ts';
import { applyLocalMigrations, withLocalEnv, type LocalEnv } from './local-db.ts';

const USAGE = `Usage: npm run --silent user -- create --email EMAIL --role ROLE [--site HOST] [--name NAME]

Creates an account in the local database and prints only its generated password.

Options:
  --email EMAIL     the sign-in address
  --role ROLE       one of: ${ROLES.join(', ')} (a role on one site), or ${PLATFORM_ADMIN}
                    (manages every site and assigns their administrators; takes no --site)
  --site HOST       a hostname of the site the role is on (default: the platform's first site)
  --name NAME       display name (default: the part of the address before @)
  --persist-to DIR  local state directory, as for wrangler dev (default: .wrangler/state)
  -h, --help        show this help

Examples:
  npm run --silent user -- create --email bientap@xa-a.gov.vn --role editor --site xa-a.thainguyen.gov.vn
  npm run --silent user -- create --email qtnt@thainguyen.gov.vn --role ${PLATFORM_ADMIN}
`;

export const DEMO_ADMIN_EMAIL = 'admin@dongy.example.vn';

/** 20 characters from an unambiguous alphabet: about 110 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * On an empty database: the demo admin, a platform admin (admin of every site, manages sites) and admin
 * of the first site, with a fresh random password; null if accounts exist.
 */
export async function createDemoAdmin(env: Pick<LocalEnv, 'DB'>): Promise<{ email: string; password: string } | null> {
  const db = database(env.DB);
  if ((await countUsers(db)) > 0) return null;
  const password = generatePassword();
  await createUser(db, { email: DEMO_ADMIN_EMAIL, name: 'Quản trị viên (demo)', role: 'admin', platformAdmin: true, password });
  return { email: DEMO_ADMIN_EMAIL, password };
}

/**
 * Creates the account: a role on the site of `host` (null: the platform's first site), or a platform
 * admin (`role` platform-admin). An unknown host is a CommandError.
 */
export async function createAccount(
  env: Pick<LocalEnv, 'DB'>, input: { email: string; name: string; role: Role | typeof PLATFORM_ADMIN; host: string | null; password: string },
): Promise<{ siteId: number | null }> {
  const db = database(env.DB);
  if (input.role === PLATFORM_ADMIN) {
    await createUser(db, { email: input.email, name: input.name, password: input.password, platformAdmin: true });
    return { siteId: null };
  }
  const siteId = input.host === null ? undefined : await siteIdOfHost(db, input.host);
  if (siteId === null) throw new CommandError(`no site has the hostname "${input.host}" (npm run --silent site -- list shows them).`);
  await createUser(db, { email: input.email, name: input.name, password: input.password, role: input.role, ...(siteId === undefined ? {} : { siteId }) });
  return { siteId: siteId ?? null };
}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        email: { type: 'string' }, role: { type: 'string' }, site: { type: 'string' }, name: { type: 'string' },
        'persist-to': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
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
  if (role !== PLATFORM_ADMIN && !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}, ${PLATFORM_ADMIN}`);
  if (role === PLATFORM_ADMIN && values.site !== undefined) throw new UsageError(`--role ${PLATFORM_ADMIN} is for every site: leave out --site.`);
  const host = values.site === undefined ? null : values.site.trim().toLowerCase();
  if (host === '') throw new UsageError('--site needs a hostname, e.g. --site xa-a.thainguyen.gov.vn');
  return { email, role: role as Role | typeof PLATFORM_ADMIN, host, name: values.name ?? email.split('@')[0]!, persistTo: values['persist-to'] };
}

async function run(command: Exclude<ReturnType<typeof parse>, 'help'>): Promise<number> {
  const { email, role, host, name, persistTo } = command;
  await applyLocalMigrations({ persistTo, quiet: true });
  const password = generatePassword();
  try {
    await withLocalEnv((env) => createAccount(env, { email, name, role, host, password }), { persistTo, quiet: true });
  } catch (error) {
    if (error instanceof CommandError) throw error;
    const cause = (error as Error & { cause?: unknown }).cause;
    if (`${(error as Error).message} ${cause instanceof Error ? cause.message : ''}`.includes('UNIQUE')) {
      throw new CommandError(`an account with ${email} already exists.`);
    }
    // drizzle's message repeats the query parameters, the password hash among them: never print it.
    throw new CommandError(`could not create the account: ${cause instanceof Error ? cause.message : 'database error'}`);
  }
  const where = role === PLATFORM_ADMIN ? 'of every site' : `on ${host ?? 'the first site'}`;
  process.stderr.write(`user: created ${role} ${email} ${where} (the password is shown once).\n`);
  process.stdout.write(password + '\n');
  return 0;
}

if (import.meta.main) process.exitCode = await runCli({ name: 'user', usage: USAGE, parse, run });
