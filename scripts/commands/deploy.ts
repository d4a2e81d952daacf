/**
 * `tidende deploy DIR --target URL [--dry-run] [--json] [--concurrency N]`: uploads a built site
 * to static hosting (a local folder or an Azure Blob static website), only what changed, in an
 * order that never shows readers a broken site; then deletes what the new version no longer has.
 */
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { CliError, usageError } from '../../src/lib/cli-error.ts';
import { formatPlan, formatSummary, planToJson } from '../../src/lib/deploy/deploy-report.ts';
import type { DeployTarget } from '../../src/lib/deploy/deploy-target.ts';
import { fileTarget } from '../../src/lib/deploy/file-target.ts';
import { parseTarget } from '../../src/lib/deploy/parse-target.ts';
import { DEFAULT_CONCURRENCY, executeDeploy, prepareDeploy } from '../../src/lib/deploy/run-deploy.ts';
import type { CommandArgs } from './index.ts';
import { deletionGuardOption, integerOption, stringOption } from './parse-options.ts';

/** Most uploads at once --concurrency accepts. */
const MAX_CONCURRENCY = 64;

/**
 * Test-only failpoints, from TIDENDE_FAILPOINT: `deploy-after-uploads:N` or
 * `deploy-after-deletes:N` kill the process (SIGKILL) once N site files are uploaded or deleted.
 */
function failpoint(
  kind: 'uploads' | 'deletes',
  env: NodeJS.ProcessEnv,
): ((done: number) => void) | undefined {
  const match = /^deploy-after-(uploads|deletes):(\d+)$/.exec(env.TIDENDE_FAILPOINT ?? '');
  if (match?.[1] !== kind) return undefined;
  const after = Number(match[2]);
  return (done) => {
    if (done >= after) process.kill(process.pid, 'SIGKILL');
  };
}

/** Whether one of two folders is, or is inside, the other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}${sep}`) || b.startsWith(`${a}${sep}`);
}

/** The target named by a --target URL, with credentials from `env`. */
export async function openTarget(url: string, env: NodeJS.ProcessEnv = process.env): Promise<DeployTarget> {
  const spec = parseTarget(url);
  if (spec.kind === 'file') return fileTarget(spec.root, spec.url);
  // The Azure SDK takes a while to load; only Azure deploys need it.
  const { azureTarget } = await import('../../src/lib/deploy/azure-target.ts');
  return azureTarget(spec, env);
}

/** Where the command reads and writes; the process's own by default (tests run it in-process). */
export interface DeployIo {
  stdout?: NodeJS.WritableStream;
  /** Progress, retries and warnings. */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Credentials and failpoints are read from it. */
  env?: NodeJS.ProcessEnv;
}

export async function run(args: CommandArgs, io: DeployIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const env = io.env ?? process.env;
  const [dir, ...extra] = args.positionals;
  if (!dir) usageError('Name the folder of a built site: tidende deploy DIR --target URL.', 'deploy');
  if (extra.length > 0) usageError(`Deploy one folder at a time; got also ${extra.join(' ')}.`, 'deploy');
  const url = stringOption(args, 'target');
  if (!url) {
    usageError(
      "Say where to deploy: --target file:///absolute/path or --target 'azure://ACCOUNT/$web'.",
      'deploy',
    );
  }
  const concurrency = integerOption(args, 'concurrency', 'deploy', DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
  const dryRun = args.values['dry-run'] === true;
  const asJson = args.values.json === true;
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new CliError(`No built site at ${dir}. Build one first: tidende build --out ${dir}`);
  }

  const spec = parseTarget(url);
  if (spec.kind === 'file' && overlaps(resolve(dir), resolve(spec.root))) {
    usageError(
      `--target ${url} overlaps the site folder ${dir}: the deploy would copy its own output, or delete the site it reads. Deploy to a folder outside it.`,
      'deploy',
    );
  }
  const target = await openTarget(url, env);
  const output = { quiet: asJson, stream: io.stderr ?? process.stderr };
  const plan = await prepareDeploy(dir, target, { output, guard: deletionGuardOption(args, 'deploy') });
  if (dryRun) {
    stdout.write(
      asJson
        ? `${JSON.stringify(planToJson(plan, target.url), null, 2)}\n`
        : formatPlan(plan, dir, target.url),
    );
    return 0;
  }
  const summary = await executeDeploy(plan, target, {
    concurrency,
    output,
    afterUpload: failpoint('uploads', env),
    afterDelete: failpoint('deletes', env),
  }).catch((error: unknown) => {
    if (!(error instanceof CliError)) throw error;
    throw new CliError(
      `${error.message}\nEvery file readers can reach is still complete. Run the same deploy again to finish it.`,
      { exitCode: error.exitCode, cause: error.cause ?? error },
    );
  });
  const { target: targetUrl, ...counts } = summary;
  stdout.write(
    asJson
      ? `${JSON.stringify({ target: targetUrl, dryRun: false, ...counts }, null, 2)}\n`
      : formatSummary(summary, dir),
  );
  return 0;
}
