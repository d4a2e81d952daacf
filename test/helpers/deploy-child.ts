/**
 * Runs `tidende deploy` as the CLI would, before the command is in the CLI's table: in a process
 * of its own when run as a script (for tests that kill a deploy midway), or in the test's process
 * through {@link parseDeployArgv}. A CliError is printed and sets the exit code.
 */
import { parseArgs } from 'node:util';
import { run } from '../../scripts/commands/deploy.ts';
import type { CommandArgs } from '../../scripts/commands/index.ts';
import { CliError } from '../../src/lib/cli-error.ts';

/** Parses `tidende deploy` arguments (without the command name) as the CLI does. */
export function parseDeployArgv(argv: string[]): CommandArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      target: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      concurrency: { type: 'string' },
    },
  });
  return { values, positionals };
}

if (import.meta.main) {
  try {
    process.exitCode = await run(parseDeployArgv(process.argv.slice(2)));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`tidende deploy: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}
