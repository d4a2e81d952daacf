/**
 * A small static file server for a built site, on loopback only: for `npm start` and for tests.
 * It behaves like the blob hosting the site is deployed to: `index.html` for a folder,
 * `/404.html` with status 404 for anything missing, a Content-Type from the file extension.
 * Nothing outside the folder is ever served.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { DOCUMENT_CONTENT_SECURITY_POLICY, isPublishedDocument } from '../deploy/content-headers.ts';

/** Content-Type per file extension; anything else is `application/octet-stream`. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ttl': 'text/turtle; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.parquet': 'application/vnd.apache.parquet',
  '.gz': 'application/gzip',
  // Pagefind's index files are gzipped binaries that pagefind.js inflates itself: no
  // Content-Encoding, or the browser would inflate them first.
  '.pagefind': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

/** The Content-Type a file is served with, from its name. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
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
  const document = isPublishedDocument(relative(root, path).split(sep).join('/'));
  response.writeHead(status, {
    'Content-Type': contentTypeOf(path),
    'Content-Length': size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...(document ? { 'Content-Security-Policy': DOCUMENT_CONTENT_SECURITY_POLICY } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
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
