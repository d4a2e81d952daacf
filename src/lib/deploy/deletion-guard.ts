/**
 * The deletion guard: what a deploy may never do to the live site without being told to. A build
 * from a fresh or damaged store, an as-of in the past or a near-empty output folder all look like
 * "delete most of the site"; a published gazette issue and a released dataset delta must never
 * change or go away. The guard runs on the plan before anything is written, so a refusal leaves
 * the target exactly as it was.
 */
import { CliError } from '../cli-error.ts';
import { DEPLOY_STATE_DIR } from './deploy-manifest.ts';
import type { DeployPlan, TargetState } from './deploy-plan.ts';

/** Deletions always allowed: the larger of this share of the live files and {@link MIN_ALLOWED_DELETIONS}. */
export const ALLOWED_DELETION_SHARE = 0.02;
/** A week can retire a few hundred files (search index fragments, sitemap shards). */
export const MIN_ALLOWED_DELETIONS = 200;

/** A published issue's page, in any language: `issues/2026-47/index.html`, `en/issues/…`. */
const ISSUE_PAGE = /^(?:[a-z]{2,3}\/)?issues\/\d{4}-\d{2}\/index\.html$/;
/** A released dataset delta: its files never change once its issue is out. */
const DELTA_FILE = /^data\/deltas\//;

export interface DeletionGuardOptions {
  /** Deletions accepted on purpose (`--allow-deletions N`); default from the live file count. */
  allowDeletions?: number;
  /** How the option is named in messages, e.g. `--allow-deletions`. */
  optionName?: string;
  /**
   * What the target must hold: `live`, a gazette a completed deploy left (a weekly publish);
   * `empty`, nothing yet (publish --bootstrap starts a new gazette). Default: either.
   */
  expect?: 'live' | 'empty';
}

/** How many of `live` files a deploy may delete without `--allow-deletions`. */
export function allowedDeletions(live: number): number {
  return Math.max(Math.ceil(live * ALLOWED_DELETION_SHARE), MIN_ALLOWED_DELETIONS);
}

function examples(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).join(', ');
  return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
}

/**
 * Throws a CliError, naming counts and examples, when `plan` would remove a published issue's
 * page, change or remove a released dataset delta, or delete more of the live files than allowed.
 */
export function guardDeployPlan(
  plan: DeployPlan,
  target: TargetState,
  targetUrl: string,
  options: DeletionGuardOptions = {},
): void {
  const option = options.optionName ?? '--allow-deletions';
  const live = target.files.filter((f) => !f.path.startsWith(DEPLOY_STATE_DIR)).length;
  const deletions = plan.deletions.filter((path) => !path.startsWith(DEPLOY_STATE_DIR));
  const problems: string[] = [];
  if (options.expect === 'empty' && live > 0)
    problems.push(`--bootstrap starts a new gazette, and the target already holds ${live} files`);
  if (options.expect === 'live' && target.manifest === null)
    problems.push(
      'the target holds no gazette that Tidende deployed; to start a new one there, run with --bootstrap',
    );
  // Protected is what a completed deploy released (its manifest), not what an interrupted one left.
  const released = (path: string) => target.manifest?.has(path) ?? false;
  const issuePages = deletions.filter((path) => ISSUE_PAGE.test(path) && released(path));
  if (issuePages.length > 0)
    problems.push(`it would remove ${issuePages.length} pages of published issues (${examples(issuePages)})`);
  const changedDeltas = plan.phases
    .flatMap((phase) => phase.uploads)
    .filter((upload) => DELTA_FILE.test(upload.path))
    .filter((upload) => {
      const recorded = target.manifest?.get(upload.path);
      return recorded !== undefined && recorded.sha256 !== upload.sha256;
    })
    .map((upload) => upload.path);
  const removedDeltas = deletions.filter((path) => DELTA_FILE.test(path) && released(path));
  if (changedDeltas.length + removedDeltas.length > 0)
    problems.push(
      `it would change or remove ${changedDeltas.length + removedDeltas.length} files of released dataset deltas (${examples([...changedDeltas, ...removedDeltas])})`,
    );
  const allowed = options.allowDeletions ?? allowedDeletions(live);
  if (deletions.length > allowed)
    problems.push(
      `it would delete ${deletions.length} of the ${live} files live there, more than the ${allowed} allowed (${examples(deletions)})`,
    );
  if (problems.length === 0) return;
  throw new CliError(
    `Refused to deploy to ${targetUrl}: ${problems.join('; ')}. Nothing was changed there.\n` +
      'A build from a fresh or damaged store, an --as-of before the latest published issue, or an ' +
      'incomplete build folder looks like this. Check the store and the build; if deleting that many ' +
      `files is meant, run again with ${option} N (published issues and released deltas are never removed).`,
  );
}
