// The one main of the CLIs (scripts/cli.ts runCli): help on stdout with exit 0, a usage error with the usage and exit 2, a
// CommandError's message alone and exit 1, another error its message (or what the tool makes of it) and exit 1.
import { expect, it } from 'vitest';
import { CommandError, runCli, UsageError, type Cli } from '../../scripts/cli.ts';

function tool(run: Cli<string>['run'], unexpected?: Cli<string>['unexpected']) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } };
  const cli: Cli<string> = {
    name: 'thu', usage: 'Usage: thu WORD\n',
    parse: (argv) => {
      if (argv[0] === '-h') return 'help';
      if (!argv[0]) throw new UsageError('Missing the word.');
      return argv[0];
    },
    run, ...(unexpected ? { unexpected } : {}),
  };
  return { out, call: (argv: string[]) => runCli(cli, argv, io) };
}

it('help exits 0 on stdout; a usage error exits 2 with the usage on stderr; the run\'s number is the exit code', async () => {
  const t = tool(async (word) => (word === 'ba' ? 3 : undefined));
  expect(await t.call(['-h'])).toBe(0);
  expect(t.out).toEqual({ stdout: 'Usage: thu WORD\n', stderr: '' });
  expect(await t.call([])).toBe(2);
  expect(t.out.stderr).toBe('thu: Missing the word.\n\nUsage: thu WORD\n');
  expect(await t.call(['mot'])).toBe(0);
  expect(await t.call(['ba'])).toBe(3);
});

it('a CommandError says its message and exits 1; another error too, or as the tool shows it', async () => {
  const refused = tool(async () => {
    throw new CommandError('no site has the hostname "x.localhost".');
  });
  expect(await refused.call(['x'])).toBe(1);
  expect(refused.out.stderr).toBe('thu: no site has the hostname "x.localhost".\n');
  const broken = tool(async () => {
    throw new Error('D1_ERROR: boom');
  });
  expect(await broken.call(['x'])).toBe(1);
  expect(broken.out.stderr).toBe('thu: D1_ERROR: boom\n');
  const shown = tool(async () => {
    throw new Error('boom');
  }, (error) => `[${(error as Error).message}]`);
  expect(await shown.call(['x'])).toBe(1);
  expect(shown.out.stderr).toBe('thu: [boom]\n');
});
