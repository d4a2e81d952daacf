/** Reading option values the command table leaves as strings, with errors that name the option. */

import { usageError } from '../../src/lib/cli-error.ts';
import type { DeletionGuardOptions } from '../../src/lib/deploy/deletion-guard.ts';
import { LOCAL_SITE_URL } from '../../src/lib/site/render/endpoint-response.ts';
import type { CommandArgs } from './index.ts';

/** A whole number option within bounds, or its default. */
export function integerOption(
  args: CommandArgs,
  name: string,
  command: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = args.values[name];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || number < min || number > max) {
    usageError(`--${name} must be a whole number from ${min} to ${max}; got '${String(value)}'.`, command);
  }
  return number;
}

/** --allow-deletions N for the deletion guard; the guard's own default when absent. */
export function deletionGuardOption(args: CommandArgs, command: string): DeletionGuardOptions {
  const allowDeletions =
    args.values['allow-deletions'] === undefined
      ? undefined
      : integerOption(args, 'allow-deletions', command, 0, 0);
  return { allowDeletions, optionName: '--allow-deletions' };
}

/** A string option, or its default. */
export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads --as-of: an ISO 8601 date-time with its offset or Z; default now. */
export function asOfOption(args: CommandArgs, command: string, now = new Date()): Date {
  const value = stringOption(args, 'as-of');
  if (value === undefined) return now;
  const hasZone = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const instant = new Date(value);
  if (!hasZone || Number.isNaN(instant.getTime())) {
    usageError(
      `--as-of must be an ISO 8601 date-time with its offset, e.g. 2024-06-03T00:01+02:00 or 2024-06-02T22:01Z; got '${value}'.`,
      command,
    );
  }
  return instant;
}

/**
 * The absolute URL the site is served at: --site-url, TIDENDE_SITE_URL, or the local preview's,
 * which is said on stderr: every absolute URL written (canonical links, feeds, sitemaps, the
 * catalog, release.json) is then a localhost one.
 */
export function siteUrlOption(args: CommandArgs, command: string): string {
  const given = stringOption(args, 'site-url') ?? process.env.TIDENDE_SITE_URL;
  if (given) return given;
  process.stderr.write(
    `tidende ${command}: no --site-url or TIDENDE_SITE_URL given, so every absolute URL written (canonical links, feeds, sitemaps, the data catalog, release.json) is ${LOCAL_SITE_URL}, for a local preview.\n`,
  );
  return LOCAL_SITE_URL;
}
