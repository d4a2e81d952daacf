/**
 * An extract as an attacker would write it, ingested into a store beside the normal sample and
 * built: every attack is refused at ingest with its line, field and reason, or made harmless
 * (an SVG sanitized, a document published under a name Tidende chose), and the build goes
 * through. Then the published SVG is opened directly in Chromium: no script runs.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QuarantineEntry } from '../../scripts/build-data/quarantine-file.ts';
import type { EventRecordInput } from '../../src/lib/event-record.ts';
import { start } from '../../src/lib/site/static-server.ts';
import { line, trademarkRecord } from '../helpers/records.ts';
import { runCli } from '../helpers/run-cli.ts';
import { builtSampleSite, NEXT_AS_OF } from '../helpers/sample-site.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'SECRET-OUTSIDE-THE-EXTRACT-7f3a9c';
const PASSWD_FIRST_LINE = 'root:x:0:0:';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const EVIL_JS = 'document.body.innerHTML = "DEFACED";\n';
const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 60" onload="window.pwned = 'onload'">
<script>window.pwned = 'script'; alert('script')</script>
<title>BLÅO</title>
<a xlink:href="javascript:window.pwned = 'link'"><text x="10" y="40" font-size="32">BLÅO</text></a>
<foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"></iframe></foreignObject>
<animate attributeName="x" onbegin="window.pwned = 'animate'" dur="1s"/>
</svg>`;
const REMOTE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
<use href="https://evil.example/sprite.svg#a"/><rect width="10" height="10" style="fill: url(https://evil.example/x)"/>
</svg>`;

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A trademark of the hostile extract, published in issue 2026-48 unless told otherwise. */
function hostile(n: number, overrides: Partial<EventRecordInput> = {}): EventRecordInput {
  return trademarkRecord({
    eventId: `H-${n}`,
    applicationNumber: `H-${n}`,
    eventDate: '2026-11-20',
    publicationDate: '2026-11-23',
    register: { title: `HOSTILE ${n}`, markFeature: 'figurative' },
    documents: [],
    ...overrides,
  });
}

function document(href: string, mediaType: string, bytes: string | Buffer, kind = 'mark-image') {
  return { kind, href, mediaType, sha256: sha256(bytes) };
}

/** Writes the hostile extract folder and a secret folder beside it; returns the extract's path. */
async function writeHostileExtract(dir: string): Promise<string> {
  const outside = join(dir, 'outside');
  const extract = join(dir, 'hostile');
  await mkdir(outside, { recursive: true });
  await mkdir(join(extract, 'documents'), { recursive: true });
  await mkdir(join(extract, '_astro'), { recursive: true });
  const secretSvg = `<svg xmlns="http://www.w3.org/2000/svg"><text>${SECRET}</text></svg>`;
  await writeFile(join(outside, 'secret.svg'), secretSvg);
  await writeFile(join(extract, 'documents', 'mark.svg'), HOSTILE_SVG);
  await writeFile(join(extract, 'documents', 'remote.svg'), REMOTE_SVG);
  await writeFile(join(extract, 'index.html'), PNG);
  await writeFile(join(extract, '_astro', 'evil.js'), EVIL_JS);
  await writeFile(
    join(extract, 'documents', 'page.svg'),
    '<html><body><script>alert(1)</script></body></html>',
  );
  await symlink(join(outside, 'secret.svg'), join(extract, 'documents', 'link.svg'));
  await symlink('/etc', join(extract, 'documents', 'etcdir'));
  const passwd = await readFile('/etc/passwd');

  const lines = [
    // Accepted: an SVG full of script, made inert; a PNG named index.html; remote references.
    hostile(1, { documents: [document('documents/mark.svg', 'image/svg+xml', HOSTILE_SVG)] }),
    hostile(2, { documents: [document('index.html', 'image/png', PNG)] }),
    hostile(3, { documents: [document('documents/remote.svg', 'image/svg+xml', REMOTE_SVG)] }),
    // Refused, each for its own reason.
    hostile(4, { documents: [document('_astro/evil.js', 'image/svg+xml', EVIL_JS)] }),
    hostile(5, { documents: [document('documents/link.svg', 'image/svg+xml', secretSvg)] }),
    hostile(6, { documents: [document('documents/etcdir/passwd', 'image/png', passwd)] }),
    hostile(7, { documents: [document('../outside/secret.svg', 'image/svg+xml', secretSvg)] }),
    hostile(8, { documents: [document('/etc/passwd', 'image/png', passwd)] }),
    hostile(9, { documents: [{ ...document('index.html', 'image/png', PNG), sha256: 'b'.repeat(64) }] }),
    hostile(10, { documents: [document('documents/page.svg', 'image/svg+xml', '<html>')] }),
    hostile(11, {
      documents: [
        document(
          'documents/page.svg',
          'image/svg+xml',
          '<html><body><script>alert(1)</script></body></html>',
        ),
      ],
    }),
    hostile(12, { documents: [document('javascript:alert(1)', 'image/png', PNG)] }),
    hostile(13, { applicationNumber: '9'.repeat(151) }),
    hostile(14, { register: { title: 'T'.repeat(5 * 1024 * 1024), markFeature: 'word' } }),
    // Issue 2026-47 is out and locked by the time this extract comes.
    hostile(15, { publicationDate: '2026-11-16' }),
  ].map(line);
  // A line of 64 MB that gzip shrinks to next to nothing.
  lines.push(`{"eventId": "H-16", "title": "${'x'.repeat(64 * 1024 * 1024)}"}`);
  const file = join(extract, 'events.ndjson.gz');
  await writeFile(file, gzipSync(lines.join('\n')));
  return file;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('an extract written by an attacker', () => {
  it('is refused where it must be, made harmless where it can be, and the build goes through', async () => {
    const dir = await tempDir();
    const { store, out, build } = await builtSampleSite(dir);

    const extract = await writeHostileExtract(dir);
    const ingested = await runCli(['ingest', extract, '--store', store, '--json']);
    expect(ingested.code).toBe(1);
    expect(JSON.parse(ingested.stdout)).toMatchObject({ read: 16, accepted: 3, rejected: 13 });
    const quarantine = (await readFile(join(dir, 'quarantine.ndjson'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as QuarantineEntry);
    const refusal = (n: number) => quarantine.find((q) => q.line === n)?.errors[0];
    expect(refusal(4)).toMatchObject({ field: 'documents[0].mediaType' });
    for (const n of [5, 6, 7, 8, 12])
      expect(refusal(n), `line ${n}`).toMatchObject({ field: 'documents[0].href' });
    expect(refusal(5)?.found).toContain('leads outside the folder');
    expect(refusal(9)).toMatchObject({ field: 'documents[0].sha256' });
    expect(refusal(10)).toMatchObject({ field: 'documents[0].sha256' });
    expect(refusal(11)).toMatchObject({ field: 'documents[0].mediaType' });
    expect(refusal(13)).toMatchObject({ field: 'applicationNumber' });
    expect(refusal(14)?.expected).toBe('a line of at most 4194304 bytes');
    expect(refusal(15)).toMatchObject({ field: 'publicationDate' });
    expect(refusal(16)?.found).toMatch(/^67108\d+ bytes \(only its first 1024 bytes are kept\)$/);

    const built = await build(NEXT_AS_OF);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);

    const passwd = (await readFile('/etc/passwd', 'utf8')).split('\n')[0] as string;
    expect(passwd.startsWith(PASSWD_FIRST_LINE)).toBe(true);
    const files = await filesUnder(out);
    for (const file of files) {
      const bytes = await readFile(file);
      expect(bytes.includes(SECRET), file).toBe(false);
      expect(bytes.includes(passwd), file).toBe(false);
      expect(bytes.includes(EVIL_JS), file).toBe(false);
    }
    // Tidende's own pages are where they were; documents only under documents/, named by hash.
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('<html lang="nb"');
    const documents = files.filter((f) => f.startsWith(join(out, 'documents')));
    expect(documents.length).toBeGreaterThan(3);
    for (const file of documents)
      expect(file.slice(out.length + 1)).toMatch(/^documents\/[0-9a-f]{64}\.(svg|png)$/);
    for (const file of files.filter((f) => f.endsWith('.svg'))) {
      const svg = await readFile(file, 'utf8');
      expect(svg, file).not.toMatch(/<script|\son[a-z]+\s*=|foreignObject|javascript:|https?:\/\/evil/i);
    }

    // The good documents show on their register pages, from the published copies.
    const shown: Record<string, string> = {};
    for (const n of [1, 2, 3]) {
      const page = await readFile(join(out, 'trademark', `H-${n}`, 'index.html'), 'utf8');
      const src = /<img src="\/(documents\/[0-9a-f]{64}\.(?:svg|png))"/.exec(page)?.[1];
      expect(src, `H-${n}`).toBeDefined();
      expect(existsSync(join(out, src as string))).toBe(true);
      shown[n] = src as string;
    }
    expect(shown[2]).toBe(`documents/${sha256(PNG)}.png`);
    const inert = await readFile(join(out, shown[1] as string), 'utf8');
    expect(inert).toContain('BLÅO');

    // Opened directly, from the server (with its document policy) and from the file itself: no script runs.
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is needed at ${CHROMIUM}: apt-get install -y chromium`);
    const server = await start(out);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      for (const url of [`${server.url}${shown[1]}`, pathToFileURL(join(out, shown[1] as string)).href]) {
        await page.goto(url);
        await page.waitForTimeout(1_500);
        expect(await page.evaluate(() => (window as { pwned?: string }).pwned ?? null), url).toBeNull();
        await page
          .locator('text')
          .first()
          .click({ timeout: 2_000 })
          .catch(() => {});
        expect(await page.evaluate(() => (window as { pwned?: string }).pwned ?? null), url).toBeNull();
      }
      expect(dialogs).toEqual([]);
      const response = await fetch(`${server.url}${shown[1]}`);
      expect(response.headers.get('content-security-policy')).toContain('sandbox');
    } finally {
      await browser.close();
      await server.close();
    }
  }, 300_000);
});
