/**
 * The one error the CLI prints as a plain message, without a stack trace, and exits with.
 * Anything else that escapes a command is a bug and is shown with its stack under --debug.
 */
export class CliError extends Error {
  /** Process exit code: 1 for a failed run, 2 for a usage mistake. */
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Throws a usage error (exit code 2) that points at the command's help. */
export function usageError(message: string, command?: string): never {
  const help = command ? `tidende ${command} --help` : 'tidende --help';
  throw new CliError(`${message}\nSee '${help}'.`, { exitCode: 2 });
}
