/**
 * The plan of a deploy, worked out from the site's files and what the target holds, without
 * touching either: what to upload, in which phase and why, and what to delete afterwards.
 *
 * ## Order: readers never see a broken site
 *
 * Each phase finishes before the next starts:
 * 1. `assets`: everything a page or entry point may refer to: Astro's `_astro/` files, images,
 *    Pagefind's index files, dataset files, search shards;
 * 2. `pages`: the HTML pages, which refer to assets now all in place;
 * 3. `entry-points`: what leads readers and robots to the new pages and files: the home pages
 *    (`index.html`, `nn/index.html`, `en/index.html`), Atom feeds, sitemaps, `robots.txt`, the
 *    dataset indexes (`data/datapackage.json`, `data/catalog.*`), Pagefind's `pagefind-entry.json`
 *    and `pagefind.js` (which name the index files) and the number index's `manifest.json`;
 * 4. the new manifest is written;
 * 5. files the new version no longer has are deleted: whatever is listed at the target, so that
 *    files from an interrupted deploy go too, not only those the old manifest named (and under
 *    `.tidende/`, anything but the manifest and the pending list).
 *
 * ## What counts as unchanged
 *
 * A file is skipped when the manifest has it with the same sha256, size and headers, stored with
 * the encoding the target would store it with now (gzip-compressed or as it is: see
 * content-headers.ts and the target's `compression`), and the target's listing agrees: the file
 * is there at the version the manifest recorded when the deploy wrote it (so not changed since by
 * anyone, whatever its size), with that size unless stored compressed (the listing then gives the
 * compressed size, which the version vouches for) and, where the target keeps headers, with those
 * headers and Content-Encoding; and no interrupted deploy left it on the pending list. Each
 * decision is by content hash: the local file's, as it is, against the one the manifest recorded.
 */

import { BUNDLE_LIST_FILE } from '../site/search-bundles.ts';
import {
  type ContentHeaders,
  contentHeadersFor,
  isAtomFeed,
  isPagefindFile,
  isStoredCompressed,
  sameHeaders,
  storedHeaders,
} from './content-headers.ts';
import { DEPLOY_STATE_DIR, type DeployManifest, isKeptState, type ManifestEntry } from './deploy-manifest.ts';
import type { StoredEncoding, TargetCompression, TargetFile } from './deploy-target.ts';
import type { LocalFile } from './local-files.ts';

export type DeployPhaseName = 'assets' | 'pages' | 'entry-points';

/** The upload phases, in order. */
export const UPLOAD_PHASES: readonly DeployPhaseName[] = ['assets', 'pages', 'entry-points'];

/** Home pages: `index.html` at the root and under a language folder (`nn/`, `en/`). */
const HOME_PAGE = /^([a-z]{2,3}\/)?index\.html$/;

/** Whether the file leads readers or robots into the site, so it goes up last. */
export function isEntryPoint(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const folder = path.slice(0, Math.max(slash, 0));
  return (
    HOME_PAGE.test(path) ||
    isAtomFeed(path) ||
    (name.startsWith('sitemap') && name.endsWith('.xml')) ||
    (folder.split('/').at(-1) === 'sitemaps' && name.endsWith('.xml')) ||
    path === 'robots.txt' ||
    path === 'data/datapackage.json' ||
    /^data\/catalog\.[^/]+$/.test(path) ||
    (isPagefindFile(path) && ['pagefind-entry.json', 'pagefind.js', BUNDLE_LIST_FILE].includes(name)) ||
    path === 'search/numbers/manifest.json'
  );
}

/** The upload phase of the file at `path`. */
export function deployPhaseOf(path: string): DeployPhaseName {
  if (isEntryPoint(path)) return 'entry-points';
  return /\.html?$/i.test(path) ? 'pages' : 'assets';
}

/** A file to upload. */
export interface PlannedUpload extends LocalFile {
  /** The headers of the file as it is. */
  headers: ContentHeaders;
  /** How the target is to store it: `gzip`, compressed so; none: as it is. */
  encoding?: StoredEncoding;
  /** `new`: not at the target; `changed`: there, but not known to hold this content and headers. */
  reason: 'new' | 'changed';
}

/** What the target holds. */
export interface TargetState {
  /** The manifest of the last deploy; null when the target has none. */
  manifest: DeployManifest | null;
  /** The manifest as stored, kept as the previous one when a deploy replaces it. */
  manifestBytes?: Buffer | null;
  /** Paths an interrupted deploy left on the pending list. */
  pending: ReadonlySet<string>;
  /** Every file listed at the target, the deploy's state files included. */
  files: readonly TargetFile[];
  /** How the target stores files worth compressing (deploy-target.ts); default `none`. */
  compression?: TargetCompression;
}

export interface DeployPlan {
  /** The three upload phases in order, each sorted by path. */
  phases: { name: DeployPhaseName; uploads: PlannedUpload[] }[];
  /** Files already at the target as they should be. */
  unchanged: number;
  /** Files to delete at the end, sorted. */
  deletions: string[];
  /**
   * The manifest to write once every upload is done; the entries of files to upload get their
   * version as each upload ends.
   */
  manifest: DeployManifest;
  /** The stored manifest this deploy replaces, kept at the target as the previous one. */
  previousManifest: Buffer | null;
  /**
   * Paths whose manifest entries may be wrong while this deploy runs: the stored pending list
   * plus every file this deploy replaces that the stored manifest names.
   */
  pending: string[];
  /** Whether `pending` must be stored before the first upload (it adds to the stored list). */
  writePending: boolean;
  /**
   * Whether the target has no manifest yet: an empty one is written before the first upload, so
   * that an interrupted first deploy leaves a target a rerun recognises as its own.
   */
  markTarget: boolean;
  /** Whether `manifest` differs from the stored one; a deploy that changes nothing writes nothing. */
  manifestChanged: boolean;
}

function sameManifest(a: DeployManifest, b: DeployManifest | null): boolean {
  if (!b || a.size !== b.size) return false;
  for (const [path, entry] of a) {
    const other = b.get(path);
    if (
      !other ||
      other.sha256 !== entry.sha256 ||
      other.bytes !== entry.bytes ||
      other.version !== entry.version ||
      (other.encoding ?? '') !== (entry.encoding ?? '') ||
      !sameHeaders(other, entry)
    ) {
      return false;
    }
  }
  return true;
}

/** How a target with `compression` stores the file at `path`: see content-headers.ts. */
export function storedEncodingFor(
  path: string,
  headers: ContentHeaders,
  compression: TargetCompression = 'none',
): StoredEncoding | undefined {
  return compression === 'gzip' && isStoredCompressed(path, headers) ? 'gzip' : undefined;
}

/**
 * Plans deploying `local` (the site's files, sorted by path) to a target in state `target`.
 * @example
 * const plan = planDeploy(await readLocalFiles('dist'), { manifest, pending, files });
 * for (const phase of plan.phases) console.log(phase.name, phase.uploads.length);
 */
export function planDeploy(local: readonly LocalFile[], target: TargetState): DeployPlan {
  const listed = new Map<string, TargetFile>();
  // Anything else under .tidende/ is a leftover, such as a state file cut short.
  const staleState: string[] = [];
  for (const file of target.files) {
    if (!file.path.startsWith(DEPLOY_STATE_DIR)) listed.set(file.path, file);
    else if (!isKeptState(file.path)) staleState.push(file.path);
  }

  const isTrusted = (file: LocalFile, wanted: ManifestEntry): boolean => {
    const entry = target.manifest?.get(file.path);
    const found = listed.get(file.path);
    if (!entry || !found || target.pending.has(file.path)) return false;
    if (entry.version === undefined || found.version !== entry.version) return false;
    // Stored compressed, the file is listed with its compressed size: its version vouches for it.
    if (entry.encoding === undefined && found.bytes !== entry.bytes) return false;
    if (found.headers && !sameHeaders(found.headers, storedHeaders(entry, entry.encoding))) return false;
    return (
      entry.sha256 === wanted.sha256 &&
      entry.bytes === wanted.bytes &&
      entry.encoding === wanted.encoding &&
      sameHeaders(entry, wanted)
    );
  };

  const phases = UPLOAD_PHASES.map((name) => ({ name, uploads: [] as PlannedUpload[] }));
  const manifest: DeployManifest = new Map();
  const pending = new Set(target.pending);
  let unchanged = 0;
  for (const file of local) {
    const headers = contentHeadersFor(file.path);
    const encoding = storedEncodingFor(file.path, headers, target.compression);
    const entry: ManifestEntry = { sha256: file.sha256, bytes: file.bytes, ...headers };
    if (encoding) entry.encoding = encoding;
    if (isTrusted(file, entry)) {
      manifest.set(file.path, { ...entry, version: listed.get(file.path)?.version });
      unchanged++;
      continue;
    }
    manifest.set(file.path, entry);
    const phase = phases[UPLOAD_PHASES.indexOf(deployPhaseOf(file.path))];
    phase?.uploads.push({
      ...file,
      headers,
      ...(encoding ? { encoding } : {}),
      reason: listed.has(file.path) ? 'changed' : 'new',
    });
    if (target.manifest?.has(file.path)) pending.add(file.path);
  }
  const deletions = [...listed.keys()]
    .filter((path) => !manifest.has(path))
    .concat(staleState)
    .sort();
  return {
    phases,
    unchanged,
    deletions,
    manifest,
    previousManifest: target.manifestBytes ?? null,
    pending: [...pending].sort(),
    writePending: pending.size > target.pending.size,
    markTarget: target.manifest === null,
    manifestChanged: !sameManifest(manifest, target.manifest),
  };
}
