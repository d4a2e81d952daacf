/** Reading option values the command table leaves as strings, with errors that name the option. */
import { usageError } from '../../src/lib/cli-error.ts';
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

/** A string option, or its default. */
export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}
