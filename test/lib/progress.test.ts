import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { startProgress } from '../../src/lib/progress.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, chunks };
}

describe('startProgress(options)', () => {
  it('writes plain lines at most every interval when not on a terminal', () => {
    vi.useFakeTimers();
    try {
      const { stream, chunks } = sink(false);
      const progress = startProgress({ label: 'ingest a.ndjson', unit: 'lines', stream, plainInterval: 5 });
      progress.update(10, 0.1);
      vi.advanceTimersByTime(6000);
      progress.update(60_000, 0.5);
      progress.update(70_000, 0.6);
      progress.finish();
      expect(chunks).toHaveLength(1);
      expect(chunks[0]).toMatch(/^ingest a\.ndjson: 60,000 lines, [\d,]+\/s, ETA \d+s\n$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('redraws one line in place on a terminal and clears it at the end', () => {
    vi.useFakeTimers();
    try {
      const { stream, chunks } = sink(true);
      const progress = startProgress({ label: 'x', unit: 'events', stream });
      vi.advanceTimersByTime(500);
      progress.update(5);
      progress.finish();
      expect(chunks[0]?.startsWith('\r\x1b[2Kx: 5 events')).toBe(true);
      expect(chunks.at(-1)).toBe('\r\x1b[2K');
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes nothing when quiet', () => {
    const { stream, chunks } = sink(true);
    const progress = startProgress({ label: 'x', unit: 'events', stream, quiet: true, plainInterval: 0 });
    progress.update(5);
    progress.finish();
    expect(chunks).toEqual([]);
  });
});
