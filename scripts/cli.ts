/**
 * The `tidende` command line: parses options from one table per command (which --help is also
 * made from), loads the command's module only when it runs, and prints errors without stack
 * traces unless --debug is given.
 */
import { parseArgs } from 'node:util';
import { CliError, describeFileError, type PathKind, usageError } from '../src/lib/cli-error.ts';
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

/** Edit distance of two words: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Most names a suggestion lists. */
const MAX_SUGGESTIONS = 3;

/**
 * The known names closest to a mistyped `word`: those it is the start of (when at most three), else
 * those nearest by edit distance, when at most 2 edits away and not a wholly different word.
 */
export function closestNames(word: string, known: readonly string[]): string[] {
  const typed = word.toLowerCase();
  if (typed === '') return [];
  const starting = known.filter((name) => name.startsWith(typed));
  if (starting.length > 0 && starting.length <= MAX_SUGGESTIONS) return starting;
  const distances = known.map((name) => ({ name, distance: editDistance(typed, name) }));
  const best = Math.min(...distances.map((d) => d.distance));
  if (best > 2 || best >= typed.length) return [];
  const closest = distances.filter((d) => d.distance === best).map((d) => d.name);
  return closest.length <= MAX_SUGGESTIONS ? closest : [];
}

/** ' Did you mean A, B or C?' for the names given, or '' for none. */
export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return ` Did you mean ${list}?`;
}

/** The option a command-line word names, as typed: `--stor` of `--stor=x`, `-x` or `-store`. */
function typedOption(arg: string): string {
  return arg.startsWith('--') ? (arg.split('=', 1)[0] ?? arg) : arg;
}

/**
 * Reads a command's arguments against its option table. Every usage mistake is a usage error (exit
 * code 2) in one sentence: an unknown option with the closest known ones, an option without its
 * value or with a value it does not take, an option given twice, arguments to a command without any.
 */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): CommandArgs {
  const options = { ...spec.options, ...GLOBAL_OPTIONS };
  const names = Object.keys(options);
  const fail: (message: string) => never = (message) => usageError(message, spec.name);
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
      ]),
    ),
  });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const arg = argv[token.index] ?? token.rawName;
    const option = options[token.name];
    if (!option) {
      // A single dash before a word (-store) reads as a group of one-letter options; name the word.
      const typed = typedOption(arg);
      const suggestions = closestNames(typed.replace(/^-+/, ''), names).map((name) => `--${name}`);
      fail(`Unknown option ${typed}.${didYouMean(suggestions)}`);
    }
    const flag = `--${token.name}`;
    const valueName = option.valueName ?? 'VALUE';
    if (option.type === 'boolean') {
      if (token.inlineValue) fail(`${flag} takes no value; got ${arg}.`);
    } else if (token.value === undefined) {
      fail(`${flag} needs a value: ${flag} ${valueName}.`);
    } else if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      // As node's parseArgs: a value that looks like an option is more likely a forgotten value.
      fail(
        `${flag} needs a value: ${flag} ${valueName}; ${token.value} after it reads as an option ` +
          `(write ${flag}=${token.value} if it is the value).`,
      );
    }
    if (!option.multiple && option.type === 'string' && seen.has(token.name))
      fail(`${flag} is given more than once; give it once.`);
    seen.add(token.name);
  }
  if (!spec.arguments && positionals.length > 0) {
    // `tidende build out site` for `tidende build --out site`.
    const [first = ''] = positionals;
    const asOption = Object.hasOwn(spec.options, first) ? didYouMean([`--${first}`]) : '';
    const what = positionals.length === 1 ? 'argument' : 'arguments';
    fail(`Unexpected ${what} ${positionals.join(' ')}: this command takes options only.${asOption}`);
  }
  return { values: values as CommandArgs['values'], positionals };
}

/** What the path of a file system error was meant to be, by the call that failed. */
function expectedKind(error: unknown): PathKind {
  const syscall = (error as NodeJS.ErrnoException | null)?.syscall;
  return syscall === 'scandir' || syscall === 'opendir' || syscall === 'mkdir' || syscall === 'rmdir'
    ? 'folder'
    : 'file';
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
    if (name === '--debug') {
      process.stderr.write(
        "tidende: Put --debug after the command, as in 'tidende stats --debug'.\nSee 'tidende --help'.\n",
      );
      return 2;
    }
    const isOption = name.startsWith('-');
    const typed = isOption ? typedOption(name) : name;
    const known = isOption ? ['help', 'version'] : commands.map((c) => c.name);
    const suggestions = closestNames(typed.replace(/^-+/, ''), known).map((k) => (isOption ? `--${k}` : k));
    process.stderr.write(
      `tidende: Unknown ${isOption ? 'option' : 'command'} ${typed}.${didYouMean(suggestions)}\n` +
        "See 'tidende --help'.\n",
    );
    return 2;
  }
  try {
    const args = parseCommandArgs(spec, rest);
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
    // A path a command was given and did not check itself, e.g. one it writes to.
    const words = describeFileError(error, undefined, expectedKind(error));
    if (words) {
      process.stderr.write(`tidende ${name}: ${words}\n`);
      if (debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
      return 1;
    }
    process.stderr.write(`tidende ${name}: unexpected error: ${(error as Error).message ?? String(error)}\n`);
    if (debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else process.stderr.write('Run again with --debug to see where it happened.\n');
    return 1;
  }
}
