/**
 * Writes the site data folder so that an export leaves the files it did not change untouched, and
 * a failed export never leaves a mix of two exports.
 *
 * Each file of an export goes through {@link SiteDataWriter.write}. A file whose content is what
 * the folder already holds (by the content hashes of the last export, kept in the folder's
 * `.content-hashes.json`) is not written again; any other file is written to the staging folder
 * `<dir>.partial`. {@link SiteDataWriter.commit} then lists what to move into the folder and
 * what to remove (files of the last export that this one did not write: a right or issue that is
 * gone) in a journal, `<dir>.partial/.journal.json`, and carries it out. The journal is written
 * only once everything is staged; the next writer opened on the folder finishes a journal left
 * by an interrupted commit before anything else, and throws away a staging folder without one.
 * So the folder is always one complete export once a writer is open on it.
 *
 * Without the hashes file (the first export, or a folder written otherwise) every file is
 * written and the staging folder replaces the folder whole.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

/** The content hash of every file of the last export, by path inside the folder. */
const HASHES_FILE = '.content-hashes.json';
/** What a commit does, inside the staging folder; present only once everything is staged. */
const JOURNAL_FILE = '.journal.json';

interface ContentHashes {
  version: 1;
  files: Record<string, string>;
}

interface Journal {
  version: 1;
  /** Replace the whole folder by the staging folder. */
  replace: boolean;
  /** Files to move from the staging folder into the folder, by path inside both. */
  move: string[];
  /** Files to remove from the folder. */
  remove: string[];
}

/** What a commit did. */
export interface SiteDataWriteSummary {
  /** Files written: new or changed. */
  written: number;
  /** Files left as they were. */
  unchanged: number;
  /** Files of the last export removed, as this one did not write them. */
  removed: number;
}

export interface SiteDataWriter {
  /** Writes `file` (a path inside the folder, `/`-separated) unless the folder holds it as is. */
  write(file: string, content: string): Promise<void>;
  /** Puts the export in place (see the module comment). Nothing may be written after. */
  commit(): Promise<SiteDataWriteSummary>;
  /**
   * Throws the staged files away, leaving the folder as it was; after a commit that failed
   * half-way, leaves its journal for the next writer to finish.
   */
  abandon(): Promise<void>;
}

function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

const exists = (path: string) =>
  readdir(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
  );

/** Files under `dir` as `/`-separated paths inside it; none when there is no folder. */
async function filesUnder(dir: string): Promise<Set<string>> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return new Set(
      entries
        .filter((e) => e.isFile())
        .map((e) =>
          join(e.parentPath, e.name)
            .slice(dir.length + 1)
            .split(sep)
            .join('/'),
        ),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
}

async function readHashes(dir: string): Promise<Record<string, string> | null> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, HASHES_FILE), 'utf8')) as ContentHashes;
    return parsed.version === 1 && typeof parsed.files === 'object' ? parsed.files : null;
  } catch {
    return null;
  }
}

/** Carries out a journal; may be run again on the same journal after an interruption. */
async function applyJournal(dir: string, staging: string, journal: Journal): Promise<void> {
  if (journal.replace) {
    if (await exists(staging)) {
      await rm(dir, { recursive: true, force: true });
      await rm(join(staging, JOURNAL_FILE), { force: true });
      await rename(staging, dir);
    }
    return;
  }
  const made = new Set<string>();
  for (const file of journal.move) {
    const target = join(dir, file);
    const parent = dirname(target);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    try {
      await rename(join(staging, file), target);
    } catch (error) {
      // Moved already, by the commit this one finishes.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  for (const file of journal.remove) await rm(join(dir, file), { force: true });
  await rm(staging, { recursive: true, force: true });
}

/**
 * Finishes what an interrupted commit left in `<dir>.partial`, or throws away what an
 * interrupted export staged there.
 */
export async function recoverSiteData(dir: string): Promise<void> {
  const staging = `${dir}.partial`;
  let journal: Journal | null = null;
  try {
    journal = JSON.parse(await readFile(join(staging, JOURNAL_FILE), 'utf8')) as Journal;
  } catch {
    journal = null;
  }
  if (journal?.version === 1) await applyJournal(dir, staging, journal);
  else await rm(staging, { recursive: true, force: true });
}

/**
 * Opens the folder `dir` for a new export, after finishing or throwing away what an earlier one
 * left (see {@link recoverSiteData}).
 *
 * @example
 * const writer = await openSiteDataWriter('.tidende/site-data');
 * try {
 *   await writer.write('site.json', JSON.stringify(site));
 *   console.log(await writer.commit());
 * } catch (error) {
 *   await writer.abandon();
 *   throw error;
 * }
 */
export async function openSiteDataWriter(dir: string): Promise<SiteDataWriter> {
  const staging = `${dir}.partial`;
  await recoverSiteData(dir);
  const previous = await readHashes(dir);
  const existing = previous ? await filesUnder(dir) : new Set<string>();
  const hashes: Record<string, string> = {};
  const staged: string[] = [];
  const madeDirs = new Set<string>();
  let unchanged = 0;
  let closed = false;
  let journalWritten = false;
  await mkdir(staging, { recursive: true });

  async function stage(file: string, content: string): Promise<void> {
    const path = join(staging, file);
    const parent = dirname(path);
    if (!madeDirs.has(parent)) {
      await mkdir(parent, { recursive: true });
      madeDirs.add(parent);
    }
    await writeFile(path, content);
  }

  return {
    async write(file, content) {
      if (closed) throw new Error(`The site data export to ${dir} is finished; ${file} came too late.`);
      if (file in hashes) throw new Error(`The site data export wrote ${file} twice.`);
      const hash = contentHash(content);
      hashes[file] = hash;
      if (previous?.[file] === hash && existing.has(file)) {
        unchanged++;
        return;
      }
      await stage(file, content);
      staged.push(file);
    },

    async commit() {
      closed = true;
      const remove = [...existing].filter((file) => !(file in hashes) && file !== HASHES_FILE);
      if (staged.length === 0 && remove.length === 0 && JSON.stringify(previous) === JSON.stringify(hashes)) {
        await rm(staging, { recursive: true, force: true });
        return { written: 0, unchanged, removed: 0 };
      }
      const hashesFile: ContentHashes = { version: 1, files: hashes };
      await stage(HASHES_FILE, JSON.stringify(hashesFile));
      const journal: Journal = {
        version: 1,
        replace: previous === null,
        // The hashes go last: until they are in, the folder's hashes describe what it holds.
        move: [...staged, HASHES_FILE],
        remove,
      };
      await writeFile(join(staging, `${JOURNAL_FILE}.tmp`), JSON.stringify(journal));
      await rename(join(staging, `${JOURNAL_FILE}.tmp`), join(staging, JOURNAL_FILE));
      journalWritten = true;
      await applyJournal(dir, staging, journal);
      return { written: staged.length, unchanged, removed: remove.length };
    },

    async abandon() {
      closed = true;
      // A commit that failed half-way is finished by the next writer, from its journal.
      if (!journalWritten) await rm(staging, { recursive: true, force: true });
    },
  };
}
