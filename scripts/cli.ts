/**
 * The `tidende` command line: parses options from one table per command (which --help is also
 * made from), loads the command's module only when it runs, and prints errors without stack
 * traces unless --debug is given.
 */
import { parseArgs } from 'node:util';
import { CliError } from '../src/lib/cli-error.ts';
import { describeStoreFault, storeFaultOf } from '../src/lib/store/store-faults.ts';
import { type CommandArgs, type CommandOption, type CommandSpec, commands } from './commands/index.ts';

const GLOBAL_OPTIONS: Record<string, CommandOption> = {
  help: { type: 'boolean', short: 'h', description: 'Show help for the command.' },
  debug: { type: 'boolean', description: 'Show stack traces of errors.' },
};

function optionHelp(name: string, option: CommandOption): string {
  const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : ''}`;
  const extra = [
    option.default !== undefined ? `default: ${option.default}` : '',
    option.env ? `env: ${option.env}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `  ${flag.padEnd(30)} ${option.description}${extra ? ` (${extra})` : ''}`;
}

/** The help text of one command, generated from its option table. */
export function commandHelp(spec: CommandSpec): string {
  const options = { ...spec.options, ...GLOBAL_OPTIONS };
  return [
    `Usage: tidende ${spec.usage}`,
    '',
    spec.summary,
    ...(spec.details ? ['', spec.details] : []),
    '',
    'Options:',
    ...Object.entries(options).map(([name, option]) => optionHelp(name, option)),
  ].join('\n');
}

/** The help text listing every command. */
export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: tidende COMMAND [options]',
    '',
    'Turns an IP office’s legal-status events into a gazette website and open datasets.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'tidende COMMAND --help' for a command's options.",
  ].join('\n');
}

function parseCommandArgs(spec: CommandSpec, argv: string[]): CommandArgs {
  const options = { ...spec.options, ...GLOBAL_OPTIONS };
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
      ]),
    ),
  });
  return { values: values as CommandArgs['values'], positionals };
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return 0;
  }
  if (name === '--version') {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const spec = commands.find((c) => c.name === name);
  if (!spec) {
    process.stderr.write(`tidende: unknown command '${name}'. See 'tidende --help'.\n`);
    return 1;
  }
  try {
    let args: CommandArgs;
    try {
      args = parseCommandArgs(spec, rest);
    } catch (error) {
      throw new CliError(`${(error as Error).message}\nSee 'tidende ${spec.name} --help'.`, { exitCode: 2 });
    }
    if (args.values.help) {
      process.stdout.write(`${commandHelp(spec)}\n`);
      return 0;
    }
    const module = await spec.load();
    return await module.run(args);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`tidende ${name}: ${error.message}\n`);
      if (debug && error.cause)
        process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
      return error.exitCode;
    }
    // A full disk can strike anywhere the store or the site is written.
    if (storeFaultOf(error) === 'disk-full') {
      process.stderr.write(
        `tidende ${name}: ${describeStoreFault('disk-full', 'the store or the output')}\n`,
      );
      if (debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
      return 1;
    }
    process.stderr.write(`tidende ${name}: unexpected error: ${(error as Error).message ?? String(error)}\n`);
    if (debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else process.stderr.write('Run again with --debug to see where it happened.\n');
    return 1;
  }
}
