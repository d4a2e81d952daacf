/**
 * Reads the `--target URL` of a deploy:
 *
 * - `file:///absolute/path`: a local folder standing in for a web root;
 * - `azure://ACCOUNT/CONTAINER`: a container of an Azure Storage account, normally `$web`, the
 *   container Azure serves as a static website (quote it in a shell: `'azure://acct/$web'`).
 */
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../cli-error.ts';

export type TargetSpec =
  | { kind: 'file'; url: string /** Absolute path of the folder. */; root: string }
  | { kind: 'azure'; url: string; account: string; container: string };

/** Storage account names: 3 to 24 lower-case letters and digits. */
const ACCOUNT = /^[a-z0-9]{3,24}$/;
/** Container names: `$web`, `$root`, or 3 to 63 of a-z, 0-9 and single hyphens inside. */
const CONTAINER = /^(\$web|\$root|(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*)$/;

const EXAMPLES = "file:///srv/www/tidende or 'azure://ACCOUNT/$web'";

function fail(message: string): never {
  return usageError(`--target ${message}`, 'deploy');
}

function parseFileTarget(url: string): TargetSpec {
  if (!/^file:\/\/(localhost)?\//.test(url)) {
    fail(`must be a local folder as file:///absolute/path (three slashes); got '${url}'.`);
  }
  let root: string;
  try {
    root = fileURLToPath(url);
  } catch (error) {
    fail(`must be a local folder as file:///absolute/path; got '${url}' (${(error as Error).message}).`);
  }
  if (!isAbsolute(root)) fail(`must be a local folder as file:///absolute/path; got '${url}'.`);
  return { kind: 'file', url, root };
}

function parseAzureTarget(url: string): TargetSpec {
  const match = /^azure:\/\/([^/]*)\/([^/]*)\/?$/.exec(url);
  if (!match) {
    fail(
      `must be azure://ACCOUNT/CONTAINER with nothing after the container; got '${url}'. ` +
        'In a shell, quote it so that $web is not read as a variable.',
    );
  }
  const [, account = '', container = ''] = match;
  if (!ACCOUNT.test(account)) {
    fail(`names the storage account '${account}'; account names are 3-24 lower-case letters and digits.`);
  }
  if (!CONTAINER.test(container)) {
    fail(
      `names the container '${container}'; expected $web (the static website container) or a container name ` +
        '(3-63 lower-case letters, digits and hyphens). In a shell, quote the URL so that $web is not read as a variable.',
    );
  }
  return { kind: 'azure', url, account, container };
}

/**
 * Parses a deploy target URL.
 * @throws CliError (usage, exit code 2) naming what was expected.
 * @example
 * parseTarget('azure://nipogazette/$web'); // { kind: 'azure', account: 'nipogazette', container: '$web', … }
 */
export function parseTarget(url: string): TargetSpec {
  if (url.startsWith('file:')) return parseFileTarget(url);
  if (url.startsWith('azure:')) return parseAzureTarget(url);
  return fail(`must be a URL starting with file:// or azure://, e.g. ${EXAMPLES}; got '${url}'.`);
}
