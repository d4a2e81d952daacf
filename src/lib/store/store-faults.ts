/**
 * What went wrong with the store, in words: DuckDB's messages name its internals ("CHECKPOINT
 * during DETACH failed", "Could not read enough bytes"), and a person at a failed Monday run needs
 * to know which of three things happened and what to do.
 */

/** The kinds of store fault a person can act on. */
export type StoreFault = 'disk-full' | 'damaged' | 'in-use';

/** Which fault an error (or any error in its cause chain) is, if it is one of them. */
export function storeFaultOf(error: unknown): StoreFault | null {
  for (let e: unknown = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const text = `${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? String(e)}`;
    if (/ENOSPC|No space left on device|disk is full/i.test(text)) return 'disk-full';
    if (/Could not set lock on file|Conflicting lock is held/i.test(text)) return 'in-use';
    if (
      /not a valid DuckDB database file|Could not read enough bytes|Corrupt|checksum.*(mismatch|fail)|database file.*truncated/i.test(
        text,
      )
    )
      return 'damaged';
  }
  return null;
}

/** One sentence on the fault at `path` and what to do about it. */
export function describeStoreFault(fault: StoreFault, path: string): string {
  switch (fault) {
    case 'disk-full':
      return (
        `The disk holding ${path} is full. Free space there (or move the store with --store) and run again: ` +
        'each extract is ingested whole or not at all, and a build changes no published issue, so nothing was lost.'
      );
    case 'damaged':
      return (
        `The event store ${path} is damaged: it cannot be read as a DuckDB database. It was left as it is. ` +
        'Restore the store and its document-store/ folder from their backup (see Operations in the README).'
      );
    case 'in-use':
      return `The event store ${path} is in use by another process (another tidende command?). Wait for it to end and run again.`;
  }
}
