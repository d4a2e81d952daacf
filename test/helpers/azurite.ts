/**
 * Azurite's blob service, the Azure Storage emulator, for tests: started on 127.0.0.1 on a free
 * port with in-memory storage (nothing on disk, no telemetry), stopped after the tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** Azurite's account and its well-known key (published in Azurite's documentation). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const BIN = fileURLToPath(new URL('../../node_modules/.bin/azurite-blob', import.meta.url));

export interface Azurite {
  port: number;
  /** `http://127.0.0.1:PORT/devstoreaccount1`: a container's files are under `/<container>/`. */
  blobEndpoint: string;
  /** The connection string of the emulator's account, with its BlobEndpoint. */
  connectionString: string;
  /** Stops the emulator; its data goes with it. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited (${child.exitCode}):\n${log()}`);
    const answered = await fetch(url).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await sleep(50);
  }
  throw new Error(`Azurite did not answer at ${url} within 30 s:\n${log()}`);
}

/** Starts Azurite's blob service; resolves once it answers. */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  // Its working folder, in case it writes anything there despite in-memory storage.
  const cwd = await mkdtemp(join(tmpdir(), 'tidende-azurite-'));
  // The bin is a script for whatever `node` is first on the PATH; run it with this Node.
  const child = spawn(
    process.execPath,
    [
      realpathSync(BIN),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--silent',
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should the test process end without stopping it, do not leave it running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) child.kill('SIGKILL');
      await exited;
    }
    await rm(cwd, { recursive: true, force: true });
  };
  const blobEndpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  try {
    await waitUntilAnswering(`http://127.0.0.1:${port}/`, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    blobEndpoint,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `BlobEndpoint=${blobEndpoint};`,
    stop,
  };
}
