// The one main of the command-line tools (scripts/{import,export,restore,token,user,site,start}.ts): a usage error exits 2 with
// the usage, help exits 0, a CommandError (something a person can fix) exits 1 with its message, anything else exits 1 with what it says.

/** Bad arguments: the message, the usage, exit code 2. */
export class UsageError extends Error {}

/** A failure a person can fix (no server, an unknown host, a missing file): its message, exit code 1. */
export class CommandError extends Error {}

export interface Cli<C> {
  /** The prefix of every message ("token: …"). */
  name: string;
  usage: string;
  /** argv (without node and the script) to a command, or 'help'; throws UsageError. */
  parse(argv: string[]): C | 'help';
  /** Does the work; its number is the exit code (default 0). */
  run(command: C): Promise<number | void>;
  /** How an unexpected error is shown (default its message: a stack trace helps nobody running a tool). */
  unexpected?(error: unknown): string;
}

export interface CliOut {
  write(text: string): unknown;
}

/** Runs a tool; the exit code for process.exitCode. `io` is for the tests (default the process's stdout and stderr). */
export async function runCli<C>(cli: Cli<C>, argv = process.argv.slice(2), io: { stdout: CliOut; stderr: CliOut } = process): Promise<number> {
  try {
    const command = cli.parse(argv);
    if (command === 'help') {
      io.stdout.write(cli.usage);
      return 0;
    }
    return (await cli.run(command)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${cli.name}: ${error.message}\n\n${cli.usage}`);
      return 2;
    }
    const message = error instanceof CommandError ? error.message : cli.unexpected ? cli.unexpected(error) : error instanceof Error ? error.message : String(error);
    io.stderr.write(`${cli.name}: ${message}\n`);
    return 1;
  }
}
