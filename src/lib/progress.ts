/**
 * Progress of a long stage: on a terminal one line redrawn in place (count, rate, ETA); elsewhere,
 * as in CI logs, a plain line every few seconds so logs stay short.
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  /**
   * Reports `done` units, and optionally the share of the work done (0-1) for the ETA and a detail
   * shown after the count, such as the bytes done.
   */
  update(done: number, fraction?: number, detail?: string): void;
  /** Ends the progress line. */
  finish(): void;
}

export interface ProgressOptions {
  /** What is being done, e.g. `ingest events.ndjson`. */
  label: string;
  /** What is counted, e.g. `events`. */
  unit: string;
  /** Where to write; default stderr. */
  stream?: NodeJS.WritableStream & Partial<Pick<WriteStream, 'isTTY'>>;
  /** Seconds between plain lines when not on a terminal; default 5. */
  plainInterval?: number;
  /** Silences all output (for --json and tests). */
  quiet?: boolean;
}

const number = new Intl.NumberFormat('en-US');

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

/** Starts reporting progress. */
export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const interval = (tty ? 0.2 : (options.plainInterval ?? 5)) * 1000;
  const started = performance.now();
  let last = started;
  let shown = false;

  const line = (done: number, fraction?: number, detail?: string) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = fraction && fraction > 0 ? formatSeconds((seconds * (1 - fraction)) / fraction) : '?';
    const shownDetail = detail ? ` (${detail})` : '';
    return `${options.label}: ${number.format(done)} ${options.unit}${shownDetail}, ${number.format(Math.round(rate))}/s, ETA ${eta}`;
  };

  return {
    update(done, fraction, detail) {
      if (options.quiet) return;
      const now = performance.now();
      if (now - last < interval) return;
      last = now;
      shown = true;
      const text = line(done, fraction, detail);
      stream.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
    },
    finish() {
      if (!options.quiet && tty && shown) stream.write('\r\x1b[2K');
    },
  };
}
