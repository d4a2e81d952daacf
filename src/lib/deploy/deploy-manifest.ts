/**
 * The deploy's state kept at the target under `.tidende/`:
 *
 * - the manifest, `.tidende/deploy-manifest.ndjson.gz`: one line per file of the deployed site
 *   with its sha256, size and the headers it was uploaded with, so that the next deploy uploads
 *   only what changed. The first line describes the manifest:
 *   `{"format":"tidende-deploy-manifest","version":1,"deployedAt":"…","files":N}`, then
 *   `{"path":"index.html","sha256":"…","bytes":5120,"contentType":"text/html; charset=utf-8","cacheControl":"public, max-age=300","version":"…"}`,
 *   where `version` is the target's version of the file right after the deploy wrote it (a blob's
 *   ETag; see deploy-target.ts): the next deploy trusts the entry only while the file there still
 *   has that version, so a file changed at the target, even to the same size, is uploaded again.
 *   The sha256, size and headers are always those of the site's file as it is; a file the target
 *   stores compressed (content-headers.ts) has `"encoding":"gzip"` besides, and an entry without
 *   it was stored as it is: so a deploy that would store a file otherwise than the entry says
 *   (compression turned on, or off) uploads it again, once.
 * - the previous manifest, `.tidende/deploy-manifest.previous.ndjson.gz`: the one each deploy
 *   replaced, kept so that a damaged manifest can be restored from it (its entries of files
 *   changed since no longer match their versions, so those files are uploaded again).
 * - the pending list, `.tidende/deploy-pending.ndjson.gz`: paths a deploy is replacing, written
 *   before its first upload and removed once the new manifest is written. The manifest's entries
 *   for these paths may no longer describe what is at the target (a deploy was stopped midway), so
 *   they are not trusted.
 *
 * Gzipped NDJSON rather than one JSON document: a NIPO-size site has millions of files, more than
 * one JavaScript string can hold as JSON; lines are written and read a batch at a time.
 */
import { once } from 'node:events';
import { createGzip, gunzipSync } from 'node:zlib';
import { CliError } from '../cli-error.ts';
import type { ContentHeaders } from './content-headers.ts';
import type { FileVersion } from './deploy-target.ts';

/** Folder of the deploy's own state at the target; never part of a site. */
export const DEPLOY_STATE_DIR = '.tidende/';
export const MANIFEST_PATH = `${DEPLOY_STATE_DIR}deploy-manifest.ndjson.gz`;
export const PREVIOUS_MANIFEST_PATH = `${DEPLOY_STATE_DIR}deploy-manifest.previous.ndjson.gz`;
export const PENDING_PATH = `${DEPLOY_STATE_DIR}deploy-pending.ndjson.gz`;
/** Held by a running `tidende publish` (see publish-lock.ts); a deploy leaves it alone. */
export const PUBLISH_LOCK_PATH = `${DEPLOY_STATE_DIR}publish.lock`;
/** The gazette issues live at the target, written by publish (see live-issues.ts). */
export const LIVE_ISSUES_PATH = `${DEPLOY_STATE_DIR}live-issues.json`;

/**
 * Whether a file under `.tidende/` is state a deploy keeps: anything else there is a leftover
 * (a state file cut short) that the deploy deletes. The publish lock's own temporary files count
 * as the lock's.
 */
export function isKeptState(path: string): boolean {
  return (
    [MANIFEST_PATH, PREVIOUS_MANIFEST_PATH, PENDING_PATH, LIVE_ISSUES_PATH].includes(path) ||
    path.startsWith(PUBLISH_LOCK_PATH)
  );
}

const MANIFEST_FORMAT = 'tidende-deploy-manifest';
const PENDING_FORMAT = 'tidende-deploy-pending';
const VERSION = 1;
/** Lines joined per write to the gzip stream. */
const LINES_PER_CHUNK = 10_000;

/** What the manifest records of one deployed file. */
export interface ManifestEntry extends ContentHeaders {
  /** sha256 of the file's bytes, hex. */
  sha256: string;
  bytes: number;
  /** The target's version of the file when this deploy wrote or last found it; none: not trusted. */
  version?: FileVersion;
  /**
   * How the target stores the file, e.g. `gzip`: compressed so, with that Content-Encoding
   * (deploy-target.ts); none: as it is. sha256 and bytes are of the file as it is all the same.
   */
  encoding?: string;
}

/** The deployed files by path. */
export type DeployManifest = Map<string, ManifestEntry>;

/** A state file at the target that cannot be read: damaged or not written by tidende. */
export class UnreadableDeployState extends Error {
  override name = 'UnreadableDeployState';
}

async function gzipLines(lines: Iterable<string>): Promise<Buffer> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  let batch: string[] = [];
  const flush = async () => {
    if (!gzip.write(`${batch.join('\n')}\n`)) await once(gzip, 'drain');
    batch = [];
  };
  for (const line of lines) {
    batch.push(line);
    if (batch.length === LINES_PER_CHUNK) await flush();
  }
  if (batch.length > 0) await flush();
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The most a state file may hold as stored (gzipped); a larger one is not even read. */
export const MAX_STORED_STATE_BYTES = 128 * 1024 * 1024;

/**
 * The most a state file may hold once decompressed: about 200 bytes a file, so room for over two
 * million files. A gzip bomb in its place (2 MB that inflates to 2 GB) is refused, not inflated.
 */
export const MAX_STATE_BYTES = 512 * 1024 * 1024;

/**
 * Parses each line of gzipped NDJSON; `onLine` gets the parsed value and the 1-based line number.
 * A file without even its first line, or larger than {@link MAX_STATE_BYTES}, is damaged.
 */
function forEachLine(
  bytes: Buffer,
  source: string,
  onLine: (value: unknown, line: number) => void,
  maxBytes = MAX_STATE_BYTES,
): void {
  let text: Buffer;
  try {
    text = gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new UnreadableDeployState(`${source} inflates to more than ${maxBytes} bytes.`);
    throw new UnreadableDeployState(`${source} is not gzip-compressed: ${(error as Error).message}`);
  }
  let start = 0;
  let values = 0;
  for (let line = 1; start < text.length; line++) {
    let end = text.indexOf(0x0a, start);
    if (end === -1) end = text.length;
    if (end > start) {
      let value: unknown;
      try {
        value = JSON.parse(text.toString('utf8', start, end));
      } catch {
        throw new UnreadableDeployState(`${source}, line ${line}: not JSON.`);
      }
      onLine(value, line);
      values++;
    }
    start = end + 1;
  }
  if (values === 0) throw new UnreadableDeployState(`${source} is empty.`);
}

function checkHeader(value: unknown, format: string, source: string): void {
  const header = value as { format?: unknown; version?: unknown } | null;
  if (header?.format !== format) {
    throw new UnreadableDeployState(`${source}: expected a first line {"format":"${format}",…}.`);
  }
  if (typeof header.version !== 'number' || header.version > VERSION) {
    throw new CliError(
      `${source} is version ${String(header.version)} of the deploy state; this tidende reads version ${VERSION}. Deploy with a newer tidende.`,
    );
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

function toEntry(value: unknown): [string, ManifestEntry] | null {
  const v = value as Record<string, unknown> | null;
  if (
    typeof v?.path !== 'string' ||
    typeof v.sha256 !== 'string' ||
    !SHA256.test(v.sha256) ||
    !Number.isSafeInteger(v.bytes) ||
    (v.bytes as number) < 0 ||
    typeof v.contentType !== 'string' ||
    typeof v.cacheControl !== 'string' ||
    (v.contentEncoding !== undefined && typeof v.contentEncoding !== 'string') ||
    (v.version !== undefined && typeof v.version !== 'string') ||
    (v.encoding !== undefined && typeof v.encoding !== 'string')
  ) {
    return null;
  }
  const entry: ManifestEntry = {
    sha256: v.sha256,
    bytes: v.bytes as number,
    contentType: v.contentType,
    cacheControl: v.cacheControl,
  };
  if (typeof v.contentEncoding === 'string') entry.contentEncoding = v.contentEncoding;
  if (typeof v.version === 'string') entry.version = v.version;
  if (typeof v.encoding === 'string') entry.encoding = v.encoding;
  return [v.path, entry];
}

/** The manifest as stored: gzipped NDJSON, files in path order. */
export function manifestToBytes(manifest: DeployManifest, deployedAt: Date): Promise<Buffer> {
  const header = { format: MANIFEST_FORMAT, version: VERSION, deployedAt: deployedAt.toISOString() };
  function* lines() {
    yield JSON.stringify({ ...header, files: manifest.size });
    for (const path of [...manifest.keys()].sort()) {
      const { sha256, bytes, contentType, contentEncoding, cacheControl, encoding, version } = manifest.get(
        path,
      ) as ManifestEntry;
      yield JSON.stringify({
        path,
        sha256,
        bytes,
        contentType,
        contentEncoding,
        cacheControl,
        encoding,
        version,
      });
    }
  }
  return gzipLines(lines());
}

/**
 * Reads a stored manifest; `source` names it in errors.
 * @throws UnreadableDeployState when it is damaged; CliError when a newer tidende wrote it.
 */
export function manifestFromBytes(bytes: Buffer, source: string, maxBytes = MAX_STATE_BYTES): DeployManifest {
  const manifest: DeployManifest = new Map();
  let header = false;
  forEachLine(
    bytes,
    source,
    (value, line) => {
      if (!header) {
        header = true;
        return checkHeader(value, MANIFEST_FORMAT, source);
      }
      const entry = toEntry(value);
      if (!entry) {
        throw new UnreadableDeployState(
          `${source}, line ${line}: expected {"path","sha256","bytes","contentType","cacheControl"}.`,
        );
      }
      manifest.set(...entry);
    },
    maxBytes,
  );
  return manifest;
}

/** The pending list as stored. */
export function pendingToBytes(paths: Iterable<string>): Promise<Buffer> {
  function* lines() {
    yield JSON.stringify({ format: PENDING_FORMAT, version: VERSION });
    for (const path of [...paths].sort()) yield JSON.stringify({ path });
  }
  return gzipLines(lines());
}

/**
 * Reads a stored pending list.
 * @throws UnreadableDeployState when it is damaged; CliError when a newer tidende wrote it.
 */
export function pendingFromBytes(bytes: Buffer, source: string): Set<string> {
  const paths = new Set<string>();
  let header = false;
  forEachLine(bytes, source, (value, line) => {
    if (!header) {
      header = true;
      return checkHeader(value, PENDING_FORMAT, source);
    }
    const path = (value as { path?: unknown } | null)?.path;
    if (typeof path !== 'string')
      throw new UnreadableDeployState(`${source}, line ${line}: expected {"path"}.`);
    paths.add(path);
  });
  return paths;
}
