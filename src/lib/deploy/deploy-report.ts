/**
 * What a deploy tells its user: the plan of a dry run, as text or JSON, and the one-line summary
 * of a deploy done.
 */
import { scaleBytes } from '../byte-units.ts';
import { MANIFEST_PATH } from './deploy-manifest.ts';
import type { DeployPhaseName, DeployPlan, PlannedUpload } from './deploy-plan.ts';

/** What a deploy did. */
export interface DeploySummary {
  /** The target URL. */
  target: string;
  /** Files uploaded. */
  uploaded: number;
  /** Files already at the target as they should be. */
  unchanged: number;
  /** Files deleted from the target. */
  deleted: number;
  /** The size of the files uploaded, as the site has them (before any compression at the target). */
  bytesUploaded: number;
  seconds: number;
  /** Per upload phase, in order. */
  phases: { name: DeployPhaseName; uploaded: number; bytes: number }[];
}

/** How the phases are called in messages. */
export const PHASE_LABELS: Record<DeployPhaseName, string> = {
  assets: 'assets and datasets',
  pages: 'pages',
  'entry-points': 'entry points',
};

const count = new Intl.NumberFormat('en-US');

/** A size for people: 812 B, 4.2 kB, 31.5 MB (powers of 1000). */
export function formatBytes(bytes: number): string {
  const { value, unit } = scaleBytes(bytes);
  return unit === 'B' ? `${value} B` : `${value.toFixed(1)} ${unit}`;
}

function files(n: number): string {
  return `${count.format(n)} file${n === 1 ? '' : 's'}`;
}

function totalBytes(uploads: readonly PlannedUpload[]): number {
  return uploads.reduce((sum, upload) => sum + upload.bytes, 0);
}

/** The plan as text, one line per file. */
export function formatPlan(plan: DeployPlan, siteDir: string, targetUrl: string): string {
  const lines = [`Plan to deploy ${siteDir} to ${targetUrl} (dry run: nothing at the target is changed)`];
  plan.phases.forEach((phase, index) => {
    const { uploads } = phase;
    const label = `${index + 1}. ${PHASE_LABELS[phase.name]}`;
    if (uploads.length === 0) {
      lines.push(`${label}: nothing to upload`);
      return;
    }
    const added = uploads.filter((upload) => upload.reason === 'new').length;
    lines.push(
      `${label}: upload ${files(uploads.length)}, ${formatBytes(totalBytes(uploads))} ` +
        `(${count.format(added)} new, ${count.format(uploads.length - added)} changed)`,
    );
    for (const upload of uploads) lines.push(`   ${upload.reason.padEnd(8)} ${upload.path}`);
  });
  lines.push(`4. ${plan.manifestChanged ? 'write' : 'keep'} the manifest ${MANIFEST_PATH}`);
  lines.push(`5. delete: ${plan.deletions.length === 0 ? 'nothing' : files(plan.deletions.length)}`);
  for (const path of plan.deletions) lines.push(`   delete   ${path}`);
  lines.push(`${files(plan.unchanged)} unchanged.`);
  return `${lines.join('\n')}\n`;
}

/** The plan as a JSON value. */
export function planToJson(plan: DeployPlan, targetUrl: string): object {
  const uploads = plan.phases.flatMap((phase) => phase.uploads);
  return {
    target: targetUrl,
    dryRun: true,
    toUpload: uploads.length,
    bytesToUpload: totalBytes(uploads),
    unchanged: plan.unchanged,
    toDelete: plan.deletions.length,
    phases: plan.phases.map((phase) => ({
      name: phase.name,
      uploads: phase.uploads.map(({ path, reason, bytes, sha256, headers, encoding }) => ({
        path,
        reason,
        bytes,
        sha256,
        ...headers,
        ...(encoding ? { encoding } : {}),
      })),
    })),
    deletions: plan.deletions,
  };
}

/** The summary of a deploy done, in a line. */
export function formatSummary(summary: DeploySummary, siteDir: string): string {
  return (
    `deploy ${siteDir} to ${summary.target}: ${count.format(summary.uploaded)} uploaded ` +
    `(${formatBytes(summary.bytesUploaded)}), ${count.format(summary.unchanged)} unchanged, ` +
    `${count.format(summary.deleted)} deleted; ${summary.seconds.toFixed(1)} s\n`
  );
}
