import { mkdir, writeFile } from 'node:fs/promises';
import { get, request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contentHeadersFor,
  DOCUMENT_CONTENT_SECURITY_POLICY,
} from '../../../src/lib/deploy/content-headers.ts';
import { chooseEncoding, type StaticServer, start } from '../../../src/lib/site/static-server.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const servers: StaticServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A site folder with a page, a folder index, a 404 page and a secret beside the folder. */
async function site(options: { with404?: boolean } = {}): Promise<string> {
  const parent = await tempDir();
  const dir = join(parent, 'site');
  await mkdir(join(dir, 'trademark', '200503952'), { recursive: true });
  await mkdir(join(dir, 'pagefind', 'fragment'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(dir, 'trademark', '200503952', 'index.html'), '<!doctype html><title>right</title>');
  await writeFile(join(dir, 'pagefind', 'fragment', 'nb_1a2b.pf_fragment'), Buffer.from([0x1f, 0x8b, 8, 0]));
  await writeFile(join(dir, 'feed.xml'), '<feed/>');
  if (options.with404 !== false)
    await writeFile(join(dir, '404.html'), '<!doctype html><title>not found</title>');
  await writeFile(join(parent, 'secret.txt'), 'secret');
  return dir;
}

async function served(dir: string): Promise<StaticServer> {
  const server = await start(dir);
  servers.push(server);
  return server;
}

/** A raw GET that sends the path as written, without the URL normalisation fetch does. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('chooseEncoding(acceptEncoding)', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'gzip'],
    ['identity', null],
    [undefined, null],
  ])('answers %s with %s', (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding);
  });
});

describe('start(dir, port?)', () => {
  it('serves on 127.0.0.1 on a free port, with the Content-Type of each file', async () => {
    const server = await served(await site());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const feed = await fetch(new URL('feed.xml', server.url));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe(contentHeadersFor('feed.xml').contentType);
    expect(await feed.text()).toBe('<feed/>');
    const fragment = await fetch(new URL('pagefind/fragment/nb_1a2b.pf_fragment', server.url));
    expect(fragment.headers.get('content-type')).toBe('application/octet-stream');
    expect(fragment.headers.get('content-encoding')).toBeNull();
    expect([...new Uint8Array(await fragment.arrayBuffer())]).toEqual([0x1f, 0x8b, 8, 0]);
  });

  it("compresses text as the client accepts, with the deploy's cache headers, and packed files not again", async () => {
    const dir = await site();
    const page = `<!doctype html><title>long</title>${'<p>Varemerke registrert</p>'.repeat(200)}`;
    await writeFile(join(dir, 'index.html'), page);
    const server = await served(dir);
    const raw = (path: string, acceptEncoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        get(new URL(path, server.url), { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', fail);
      });
    const br = await raw('/', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe(contentHeadersFor('index.html').cacheControl);
    expect(br.body.length).toBeLessThan(page.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(page);
    const gzip = await raw('/', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(page);
    const plain = await raw('/', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(Buffer.byteLength(page)));
    const fragment = await raw('/pagefind/fragment/nb_1a2b.pf_fragment', 'br');
    expect(fragment.headers['content-encoding']).toBeUndefined();
    expect(fragment.headers['cache-control']).toBe(
      contentHeadersFor('pagefind/fragment/nb_1a2b.pf_fragment').cacheControl,
    );
  });

  it('serves published documents with a policy that runs no script, and pages without it', async () => {
    const dir = await site();
    await mkdir(join(dir, 'documents'), { recursive: true });
    await writeFile(
      join(dir, 'documents', `${'a'.repeat(64)}.svg`),
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
    const server = await served(dir);
    const document = await fetch(new URL(`documents/${'a'.repeat(64)}.svg`, server.url));
    expect(document.headers.get('content-type')).toBe('image/svg+xml');
    expect(document.headers.get('content-security-policy')).toBe(DOCUMENT_CONTENT_SECURITY_POLICY);
    expect(DOCUMENT_CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'.*sandbox/);
    const page = await fetch(new URL('trademark/200503952/', server.url));
    expect(page.headers.get('content-security-policy')).toBeNull();
  });

  it('answers a folder with its index.html, and redirects a folder without its trailing slash', async () => {
    const server = await served(await site());
    const home = await fetch(server.url);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<title>home</title>');
    expect(await (await fetch(new URL('trademark/200503952/', server.url))).text()).toContain('right');
    const redirect = await fetch(new URL('trademark/200503952?x=1', server.url), { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/trademark/200503952/?x=1');
  });

  it('ignores the query string', async () => {
    const server = await served(await site());
    expect((await fetch(new URL('?q=nordlys', server.url))).status).toBe(200);
  });

  it('answers what is missing with /404.html and status 404', async () => {
    const server = await served(await site());
    const missing = await fetch(new URL('trademark/999/', server.url));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('not found');
    const folderWithoutIndex = await fetch(new URL('pagefind/', server.url));
    expect(folderWithoutIndex.status).toBe(404);
  });

  it('answers 404 in plain text when the site has no 404 page', async () => {
    const server = await served(await site({ with404: false }));
    const missing = await fetch(new URL('nothing', server.url));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('Not found\n');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2Fsecret.txt',
    '/trademark/..%2F..%2F..%2Fsecret.txt',
    '/..%5Csecret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('never serves anything outside the folder: %s', async (path) => {
    const server = await served(await site());
    const response = await rawGet(server.url, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('secret');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const server = await served(await site());
    // Uncompressed, so that the length is the file's.
    const head = await fetch(server.url, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
    const post = await fetch(server.url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('listens on the port asked for, and says so clearly when it is taken', async () => {
    const first = await served(await site());
    const port = Number(new URL(first.url).port);
    const taken = start(await site(), port);
    await expect(taken).rejects.toThrow(`on 127.0.0.1:${port}: listen EADDRINUSE`);
    await expect(taken).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
