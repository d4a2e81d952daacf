/**
 * The one error the CLI prints as a plain message, without a stack trace, and exits with.
 * Anything else that escapes a command is a bug and is shown with its stack under --debug.
 * Also here: the words for what went wrong with a path a person gave (no such file, a folder
 * where a file was expected, permission denied), used wherever the CLI meets a file system error.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';

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

/** What a path was expected to be. */
export type PathKind = 'file' | 'folder';

/** The fs error codes that `describeFileError` puts in words. */
const FILE_ERROR_CODES = new Set([
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EACCES',
  'EPERM',
  'EEXIST',
  'ELOOP',
  'ENAMETOOLONG',
]);

function errnoOf(error: unknown): NodeJS.ErrnoException | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && FILE_ERROR_CODES.has(code)
    ? (error as NodeJS.ErrnoException)
    : undefined;
}

/** Whether `error` is a file system error `describeFileError` can put in words. */
export function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return errnoOf(error) !== undefined;
}

function isFolder(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

/** The nearest folder on the way to `path` that exists but is a file, if any. */
function fileOnTheWay(path: string): string | undefined {
  for (let parent = dirname(path); parent !== dirname(parent); parent = dirname(parent)) {
    const folder = isFolder(parent);
    if (folder === false) return parent;
    if (folder === true) return undefined;
  }
  return undefined;
}

/**
 * Node's file system error at `path` (default: the error's own path) in words, e.g.
 * `no such file: PATH`, `PATH is a folder, expected a file` or `permission denied: PATH`;
 * undefined when the error is not one of those. `expected` is what the path should have been.
 */
export function describeFileError(
  error: unknown,
  path?: string,
  expected: PathKind = 'file',
): string | undefined {
  const errno = errnoOf(error);
  const at = path ?? errno?.path;
  if (!errno || at === undefined) return undefined;
  switch (errno.code) {
    case 'ENOENT':
      return `no such ${expected}: ${at}`;
    case 'ENOTDIR': {
      if (expected === 'folder' && isFolder(at) === false) return `${at} is a file, expected a folder`;
      const file = fileOnTheWay(at);
      return file
        ? `${file} is a file, expected a folder (on the way to ${at})`
        : `no such ${expected}: ${at}`;
    }
    case 'EISDIR':
      return `${at} is a folder, expected a file`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied: ${at}`;
    case 'EEXIST':
      // mkdir -p meets a file where it needs a folder.
      return errno.syscall === 'mkdir' && isFolder(at) === false
        ? `${at} is a file, expected a folder`
        : undefined;
    case 'ELOOP':
      return `too many levels of symbolic links: ${at}`;
    case 'ENAMETOOLONG':
      return `name too long: ${at}`;
    default:
      return undefined;
  }
}

/** A CliError (exit code 1) saying in words what is wrong with `path`. */
export function fileError(error: unknown, path: string, expected: PathKind = 'file'): CliError {
  const words =
    describeFileError(error, path, expected) ??
    `cannot read ${path}: ${(error as Error | null)?.message ?? String(error)}`;
  return new CliError(words, { cause: error });
}

/** Throws the error of `check` in words, for `path`. */
function checked(path: string, expected: PathKind, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw fileError(error, path, expected);
  }
}

/**
 * Checks that `path`, given by a person, is an existing file (or folder) that can be read;
 * throws a CliError in words otherwise. Anything but a folder counts as a file (a pipe too).
 */
export function requireReadable(path: string, expected: PathKind = 'file'): void {
  let folder = false;
  checked(path, expected, () => {
    folder = statSync(path).isDirectory();
  });
  if (expected === 'file' && folder) throw new CliError(`${path} is a folder, expected a file`);
  if (expected === 'folder' && !folder) throw new CliError(`${path} is a file, expected a folder`);
  checked(path, expected, () => accessSync(path, constants.R_OK | (folder ? constants.X_OK : 0)));
}

/**
 * Checks that `path`, given by a person, can be a file (or folder) that is written or created:
 * absent, or of the expected kind, with no file where a folder on the way to it should be.
 */
export function requireWritable(path: string, expected: PathKind = 'file'): void {
  let folder: boolean | undefined;
  try {
    folder = statSync(path).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fileError(error, path, expected);
  }
  if (expected === 'file' && folder) throw new CliError(`${path} is a folder, expected a file`);
  if (expected === 'folder' && !folder) throw new CliError(`${path} is a file, expected a folder`);
}
