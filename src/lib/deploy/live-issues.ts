/**
 * The target as a witness of what it published: `.tidende/live-issues.json` at the target lists
 * every gazette issue live there with the hash of its entries, as the store locked it
 * (issue-lock.ts). `tidende publish` writes it after each deploy and, before it builds anything,
 * checks that the store it runs with holds every one of those issues, unchanged: a fresh store, a
 * store restored from an old backup or one that lost its lock tables would otherwise publish
 * another history over the live one. It also keeps an --as-of from taking the gazette back
 * before an issue already out.
 *
 * `{"format":"tidende-live-issues","version":1,"issues":[{"issue":"2026-48","sha256":"…","entries":12}]}`
 */
import { CliError } from '../cli-error.ts';
import type { LockedIssue } from '../gazette/issue-lock.ts';
import { SHORT_CACHE } from './content-headers.ts';
import { LIVE_ISSUES_PATH } from './deploy-manifest.ts';
import type { DeployTarget } from './deploy-target.ts';

const FORMAT = 'tidende-live-issues';
const VERSION = 1;
/** Room for thousands of years of weekly issues; a larger file is not what publish wrote. */
const MAX_BYTES = 16 * 1024 * 1024;
const ISSUE_ID = /^\d{4}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

function isLockedIssue(value: unknown): value is LockedIssue {
  const v = value as Partial<LockedIssue> | null;
  return (
    typeof v?.issue === 'string' &&
    ISSUE_ID.test(v.issue) &&
    typeof v.sha256 === 'string' &&
    SHA256.test(v.sha256) &&
    Number.isSafeInteger(v.entries)
  );
}

/**
 * The issues live at `target`; null when it records none (a new target, or one an older
 * tidende published to).
 * @throws CliError when the file is there but is not one publish wrote.
 */
export async function readLiveIssues(target: DeployTarget): Promise<LiveIssues | null> {
  const found = await target.read(LIVE_ISSUES_PATH);
  if (found === null) return null;
  const source = `${target.url} ${LIVE_ISSUES_PATH}`;
  const damaged = (why: string) =>
    new CliError(
      `${source} is damaged: ${why}. It records which issues are live there, so publishing stops and nothing was changed. ` +
        'Restore it from the backup of the target (see "Operations" in the README).',
    );
  if (found.data.length > MAX_BYTES) throw damaged(`${found.data.length} bytes, more than ${MAX_BYTES}`);
  let value: { format?: unknown; version?: unknown; issues?: unknown };
  try {
    value = JSON.parse(found.data.toString('utf8'));
  } catch {
    throw damaged('not JSON');
  }
  if (value?.format !== FORMAT) throw damaged(`expected {"format":"${FORMAT}",…}`);
  if (typeof value.version !== 'number' || value.version > VERSION)
    throw new CliError(
      `${source} is version ${String(value.version)}; this tidende reads version ${VERSION}. Publish with a newer tidende.`,
    );
  if (!Array.isArray(value.issues) || !value.issues.every(isLockedIssue))
    throw damaged('expected "issues": [{"issue":"YYYY-WW","sha256":"…","entries":N}, …]');
  return new LiveIssues(value.issues);
}

/** Records `issues` as the issues live at `target`. */
export async function writeLiveIssues(target: DeployTarget, issues: readonly LockedIssue[]): Promise<void> {
  const data = Buffer.from(`${JSON.stringify({ format: FORMAT, version: VERSION, issues }, null, 1)}\n`);
  await target.upload(
    LIVE_ISSUES_PATH,
    { data },
    { contentType: 'application/json', cacheControl: SHORT_CACHE },
  );
}

/** The issues live at a target. */
export class LiveIssues {
  readonly issues: readonly LockedIssue[];

  constructor(issues: readonly LockedIssue[]) {
    this.issues = [...issues].sort((a, b) => (a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : 0));
  }

  /** The latest issue live; undefined when none is. */
  get latest(): string | undefined {
    return this.issues.at(-1)?.issue;
  }

  /**
   * What keeps a store with `locked` issues from publishing here: each live issue it does not hold
   * locked, or holds with other content. Empty when it may publish.
   */
  problemsWith(locked: readonly LockedIssue[]): string[] {
    const byIssue = new Map(locked.map((l) => [l.issue, l]));
    const missing: string[] = [];
    const changed: string[] = [];
    for (const live of this.issues) {
      const held = byIssue.get(live.issue);
      if (!held) missing.push(live.issue);
      else if (held.sha256 !== live.sha256) changed.push(live.issue);
    }
    // The latest say most: they are what readers see now.
    const list = (issues: string[]) =>
      issues.length > 5
        ? `${issues.slice(-5).join(', ')} and ${issues.length - 5} earlier`
        : issues.join(', ');
    const problems: string[] = [];
    if (missing.length > 0)
      problems.push(`${missing.length} issues live there are not locked in the store (${list(missing)})`);
    if (changed.length > 0)
      problems.push(`${changed.length} issues live there have other content in the store (${list(changed)})`);
    return problems;
  }
}
