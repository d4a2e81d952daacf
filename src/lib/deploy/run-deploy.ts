/**
 * Runs a deploy: reads the site and the target, plans (deploy-plan.ts), then carries the plan
 * out phase by phase: uploads in parallel within a phase (bounded), each call retried on
 * transient failures, progress in files and bytes, and a summary at the end.
 *
 * Killed at any point, the target is left with the old version or a mix whose entry points still
 * lead to complete pages, and a rerun converges to exactly the new version: the manifest is
 * written only after every upload, entries for files being replaced are first put on the pending
 * list, and deletions follow what is listed at the target.
 */
import { CliError } from '../cli-error.ts';
import { forEachConcurrently } from '../for-each-concurrently.ts';
import { startProgress } from '../progress.ts';
import { contentHeadersFor } from './content-headers.ts';
import { type DeletionGuardOptions, guardDeployPlan } from './deletion-guard.ts';
import {
  MANIFEST_PATH,
  manifestToBytes,
  PENDING_PATH,
  PREVIOUS_MANIFEST_PATH,
  pendingToBytes,
} from './deploy-manifest.ts';
import { type DeployPlan, planDeploy } from './deploy-plan.ts';
import { type DeploySummary, formatBytes, PHASE_LABELS } from './deploy-report.ts';
import type { DeployTarget } from './deploy-target.ts';
import { readLocalFiles } from './local-files.ts';
import type { RetryOptions } from './retry.ts';
import { callTarget, readTargetState } from './target-state.ts';

/** Uploads and deletions at once when --concurrency is not given. */
export const DEFAULT_CONCURRENCY = 8;

/** Where messages go and how. */
export interface DeployOutput {
  /** Progress, retries and warnings; default stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Silences progress and per-phase lines (warnings still show); for --json. */
  quiet?: boolean;
}

/**
 * Reads the site folder and the target and plans the deploy; changes nothing.
 * @throws CliError when the folder is empty or not a site, the target cannot be read, or the plan
 *   would delete or change what the deletion guard protects (deletion-guard.ts).
 */
export async function prepareDeploy(
  siteDir: string,
  target: DeployTarget,
  options: { output?: DeployOutput; retry?: RetryOptions; guard?: DeletionGuardOptions } = {},
): Promise<DeployPlan> {
  const stream = options.output?.stream ?? process.stderr;
  const local = await readLocalFiles(siteDir);
  if (local.length === 0) throw new CliError(`${siteDir} is empty: there is nothing to deploy.`);
  const state = await readTargetState(
    target,
    (message) => stream.write(`deploy: ${message}\n`),
    options.retry,
  );
  const plan = planDeploy(local, state);
  guardDeployPlan(plan, state, target.url, options.guard);
  return plan;
}

export interface ExecuteOptions {
  /** Uploads (and deletions) at once; default {@link DEFAULT_CONCURRENCY}. */
  concurrency?: number;
  retry?: RetryOptions;
  output?: DeployOutput;
  /** Told after each upload of a site file, with the number done so far (failpoints in tests). */
  afterUpload?: (uploaded: number) => void;
  /** Told after each deletion, with the number done so far. */
  afterDelete?: (deleted: number) => void;
  /** The clock, for the manifest's deployedAt. */
  now?: () => Date;
}

/** Carries out `plan` at `target`; resolves to what was done. */
export async function executeDeploy(
  plan: DeployPlan,
  target: DeployTarget,
  options: ExecuteOptions = {},
): Promise<DeploySummary> {
  const started = performance.now();
  const stream = options.output?.stream ?? process.stderr;
  const quiet = options.output?.quiet ?? false;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const call = <T>(action: string, operation: () => Promise<T>) =>
    callTarget(target, action, operation, {
      ...options.retry,
      onRetry: (error, attempt, delay) => {
        options.retry?.onRetry?.(error, attempt, delay);
        const reason = (error as Error)?.message?.split('\n')[0] ?? String(error);
        stream.write(
          `deploy: could not ${action} (${reason}); trying again in ${(delay / 1000).toFixed(1)} s\n`,
        );
      },
    });
  const writeState = async (path: string, data: Buffer) =>
    call(`write ${path}`, () => target.upload(path, { data }, contentHeadersFor(path)));

  if (plan.markTarget) await writeState(MANIFEST_PATH, await manifestToBytes(new Map(), now(options)));
  if (plan.writePending) await writeState(PENDING_PATH, await pendingToBytes(plan.pending));

  let uploaded = 0;
  let bytesUploaded = 0;
  const phases: DeploySummary['phases'] = [];
  for (const [index, phase] of plan.phases.entries()) {
    const phaseStarted = performance.now();
    const total = phase.uploads.reduce((sum, upload) => sum + upload.bytes, 0);
    const label = `deploy ${index + 1}/3, ${PHASE_LABELS[phase.name]} (${phase.uploads.length} files, ${formatBytes(total)})`;
    const progress = startProgress({ label, unit: 'files', stream, quiet });
    let files = 0;
    let bytes = 0;
    await forEachConcurrently(phase.uploads, concurrency, async (upload) => {
      const version = await call(`upload ${upload.path}`, () =>
        target.upload(upload.path, { file: upload.file }, upload.headers, upload.encoding),
      );
      const entry = plan.manifest.get(upload.path);
      if (entry) entry.version = version;
      files++;
      bytes += upload.bytes;
      progress.update(
        files,
        total > 0 ? bytes / total : files / phase.uploads.length,
        `${formatBytes(bytes)} of ${formatBytes(total)}`,
      );
      uploaded++;
      options.afterUpload?.(uploaded);
    });
    progress.finish();
    bytesUploaded += bytes;
    phases.push({ name: phase.name, uploaded: files, bytes });
    if (!quiet && files > 0) {
      const seconds = ((performance.now() - phaseStarted) / 1000).toFixed(1);
      stream.write(`${label}: uploaded in ${seconds} s\n`);
    }
  }

  if (plan.manifestChanged || uploaded > 0) {
    // The manifest replaced stays as the previous one: a damaged manifest can be restored from it.
    if (plan.previousManifest) await writeState(PREVIOUS_MANIFEST_PATH, plan.previousManifest);
    await writeState(MANIFEST_PATH, await manifestToBytes(plan.manifest, now(options)));
  }
  if (plan.pending.length > 0) await call(`delete ${PENDING_PATH}`, () => target.delete(PENDING_PATH));

  let deleted = 0;
  await forEachConcurrently(plan.deletions, concurrency, async (path) => {
    await call(`delete ${path}`, () => target.delete(path));
    deleted++;
    options.afterDelete?.(deleted);
  });
  if (!quiet && deleted > 0)
    stream.write(
      `deploy: deleted ${deleted} file${deleted === 1 ? '' : 's'} the new version no longer has\n`,
    );

  return {
    target: target.url,
    uploaded,
    unchanged: plan.unchanged,
    deleted,
    bytesUploaded,
    seconds: Math.round(performance.now() - started) / 1000,
    phases,
  };
}

function now(options: ExecuteOptions): Date {
  return options.now?.() ?? new Date();
}
