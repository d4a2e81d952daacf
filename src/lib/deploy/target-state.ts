/**
 * Reads what a deploy target holds: its files (listed, not taken from the manifest) and the
 * deploy state a previous deploy left under `.tidende/`, with retries. A damaged manifest stops
 * the deploy: without it the deploy cannot tell what is live, and the deletion guard could not
 * protect it. A damaged pending list only makes the deploy trust nothing the manifest says about
 * which file holds what, so every file is uploaded again.
 */
import { CliError } from '../cli-error.ts';
import {
  DEPLOY_STATE_DIR,
  type DeployManifest,
  MANIFEST_PATH,
  MAX_STORED_STATE_BYTES,
  manifestFromBytes,
  PENDING_PATH,
  PREVIOUS_MANIFEST_PATH,
  pendingFromBytes,
  UnreadableDeployState,
} from './deploy-manifest.ts';
import type { TargetState } from './deploy-plan.ts';
import type { DeployTarget, TargetFile } from './deploy-target.ts';
import { type RetryOptions, withRetries } from './retry.ts';

/** Runs a call to the target with retries; a failure that remains becomes a CliError naming it. */
export async function callTarget<T>(
  target: DeployTarget,
  action: string,
  call: () => Promise<T>,
  retry: RetryOptions = {},
): Promise<T> {
  try {
    return await withRetries(call, retry);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const reason = (error as Error)?.message?.split('\n')[0] ?? String(error);
    throw new CliError(`Could not ${action} at ${target.url}: ${reason}`, { cause: error });
  }
}

async function listAll(target: DeployTarget): Promise<TargetFile[]> {
  const files: TargetFile[] = [];
  for await (const file of target.list()) files.push(file);
  return files;
}

/**
 * Lists `target` and reads its deploy state; `warn` is told when the state is damaged.
 * @throws CliError when the target holds files but no manifest: it was not deployed to by
 * tidende, and the deploy would delete every file there that the site does not have.
 */
export async function readTargetState(
  target: DeployTarget,
  warn: (message: string) => void,
  retry: RetryOptions = {},
): Promise<TargetState> {
  const files = await callTarget(target, 'list the files', () => listAll(target), retry);
  const readState = async (path: string) => {
    const listed = files.find((file) => file.path === path);
    if (listed && listed.bytes > MAX_STORED_STATE_BYTES) {
      throw new CliError(
        `${target.url} ${path} holds ${listed.bytes} bytes, more than the ${MAX_STORED_STATE_BYTES} a deploy reads: ` +
          `it is not what tidende wrote there. Nothing was changed. ${restoreHelp(path)}`,
      );
    }
    return (await callTarget(target, `read ${path}`, () => target.read(path), retry))?.data ?? null;
  };
  const manifestBytes = await readState(MANIFEST_PATH);
  const pendingBytes = await readState(PENDING_PATH);

  const siteFiles = files.filter((file) => !file.path.startsWith(DEPLOY_STATE_DIR));
  if (manifestBytes === null && siteFiles.length > 0) {
    const examples = siteFiles
      .slice(0, 3)
      .map((file) => file.path)
      .join(', ');
    throw new CliError(
      `${target.url} holds ${siteFiles.length} file${siteFiles.length === 1 ? '' : 's'} (${examples}${siteFiles.length > 3 ? ', …' : ''}) but no ${MANIFEST_PATH}: ` +
        'it was not deployed to by tidende, and deploying would delete every file there that the site does not have. ' +
        'Deploy to an empty folder or container, or empty this one first.',
    );
  }
  let manifest: DeployManifest | null = null;
  try {
    if (manifestBytes !== null) manifest = manifestFromBytes(manifestBytes, `${target.url} ${MANIFEST_PATH}`);
  } catch (error) {
    if (!(error instanceof UnreadableDeployState)) throw error;
    throw new CliError(
      `${error.message} Without its manifest the deploy cannot tell what is live there, so nothing was changed. ${restoreHelp(MANIFEST_PATH)}`,
      { cause: error },
    );
  }
  let pending = new Set<string>();
  try {
    if (pendingBytes !== null) pending = pendingFromBytes(pendingBytes, `${target.url} ${PENDING_PATH}`);
  } catch (error) {
    if (!(error instanceof UnreadableDeployState)) throw error;
    warn(`${error.message} Every file will be uploaded again.`);
    pending = new Set(manifest?.keys());
  }
  return { manifest, manifestBytes, pending, files, compression: target.compression };
}

/** What to do about a damaged state file at `path`. */
function restoreHelp(path: string): string {
  return path === MANIFEST_PATH
    ? `Copy ${PREVIOUS_MANIFEST_PATH} (the manifest before the last deploy) over it at the target and run again: files changed since are uploaded again. Without that copy, restore the target from its backup.`
    : `Delete it at the target and run again: every file is then uploaded again.`;
}
