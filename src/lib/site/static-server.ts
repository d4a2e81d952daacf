/**
 * A small static file server for a built site, on loopback only: for `npm start` and for tests.
 * It behaves like the blob hosting the site is deployed to: `index.html` for a folder,
 * `/404.html` with status 404 for anything missing, and each file with the Content-Type,
 * Content-Encoding and Cache-Control the deploy stores with it (content-headers.ts). Text is
 * compressed on the way (Brotli or gzip, as the client accepts), as a CDN in front of the host
 * would. Nothing outside the folder is ever served.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { createBrotliCompress, createGzip, constants as zlibConstants } from 'node:zlib';
import {
  contentHeadersFor,
  DOCUMENT_CONTENT_SECURITY_POLICY,
  isCompressible,
  isPublishedDocument,
} from '../deploy/content-headers.ts';

/**
 * The compression to answer with for an Accept-Encoding header: Brotli where the client takes it,
 * else gzip, else none. A coding with `q=0` is refused.
 */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (coding && !(q && Number(q.slice(2)) === 0)) accepted.add(coding);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

function compressor(encoding: 'br' | 'gzip') {
  return encoding === 'br'
    ? // A quality for answering at once, not the archival 11.
      createBrotliCompress({ params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
    : createGzip();
}

export interface StaticServer {
  /** Where the site is served, with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** Stops the server, closing open connections. */
  close(): Promise<void>;
}

type Found = { kind: 'file'; path: string; size: number } | { kind: 'redirect'; location: string } | null;

async function sizeOf(path: string): Promise<number | null> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? info.size : null;
}

/** Finds what a request path names inside `root`: a file, a folder's index, or a redirect. */
async function lookUp(root: string, pathname: string): Promise<Found> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const path = resolve(root, `.${decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return null;
  const info = await stat(path).catch(() => null);
  if (info?.isFile()) return { kind: 'file', path, size: info.size };
  if (info?.isDirectory()) {
    // Like blob static websites: `/issue` answers with a redirect to `/issue/`.
    if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${pathname}/` };
    const index = join(path, 'index.html');
    const size = await sizeOf(index);
    if (size !== null) return { kind: 'file', path: index, size };
  }
  return null;
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  path: string,
  size: number,
  root: string,
) {
  const sitePath = relative(root, path).split(sep).join('/');
  const headers = contentHeadersFor(sitePath);
  const compressible = isCompressible(headers);
  const encoding = compressible ? chooseEncoding(request.headers['accept-encoding']) : null;
  response.writeHead(status, {
    'Content-Type': headers.contentType,
    'Cache-Control': headers.cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ...(headers.contentEncoding ? { 'Content-Encoding': headers.contentEncoding } : {}),
    ...(encoding ? { 'Content-Encoding': encoding } : { 'Content-Length': size }),
    ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    ...(isPublishedDocument(sitePath) ? { 'Content-Security-Policy': DOCUMENT_CONTENT_SECURITY_POLICY } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const onError = (error: Error | null) => {
    if (error) response.destroy();
  };
  if (encoding) pipeline(createReadStream(path), compressor(encoding), response, onError);
  else pipeline(createReadStream(path), response, onError);
}

async function handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Method not allowed\n');
    return;
  }
  const { pathname, search } = new URL(request.url ?? '/', 'http://localhost');
  const found = await lookUp(root, pathname);
  if (found?.kind === 'file') return send(request, response, 200, found.path, found.size, root);
  if (found?.kind === 'redirect') {
    response.writeHead(301, { Location: `${found.location}${search}` });
    response.end();
    return;
  }
  const notFound = join(root, '404.html');
  const size = await sizeOf(notFound);
  if (size !== null) return send(request, response, 404, notFound, size, root);
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('Not found\n');
}

/**
 * Serves the folder `dir` on 127.0.0.1.
 *
 * @param port the port to listen on; default 0, any free port.
 * @example
 * const server = await start('dist');
 * console.log(`Serving on ${server.url}`);
 * await server.close();
 */
export async function start(dir: string, port = 0): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    handle(root, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Internal server error\n');
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      // Keeps the system error code (EADDRINUSE, EACCES) for callers that explain it.
      const wrapped = new Error(`Could not serve ${root} on 127.0.0.1:${port}: ${error.message}`, {
        cause: error,
      });
      fail(Object.assign(wrapped, { code: error.code }));
    });
    server.listen(port, '127.0.0.1', () => done());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}
