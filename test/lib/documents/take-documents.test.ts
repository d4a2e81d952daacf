import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFile } from '../../../src/lib/documents/document-store.ts';
import { type DocumentContext, takeDocuments } from '../../../src/lib/documents/take-documents.ts';
import { EventRecordSchema } from '../../../src/lib/event-record.ts';
import { patentRecord } from '../../helpers/records.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="1" height="1"/></svg>';
const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** An extract folder with a PNG, an SVG, a link out and a secret beside the folder. */
async function setUp(): Promise<DocumentContext> {
  const dir = await realpath(await tempDir());
  const extractDir = join(dir, 'extract');
  await mkdir(join(extractDir, 'documents'), { recursive: true });
  await writeFile(join(extractDir, 'documents', 'mark.png'), PNG);
  await writeFile(join(extractDir, 'documents', 'mark.svg'), SVG);
  await writeFile(join(dir, 'secret.png'), PNG);
  await symlink(join(dir, 'secret.png'), join(extractDir, 'documents', 'out.png'));
  await symlink('mark.png', join(extractDir, 'documents', 'in.png'));
  return {
    extractDir,
    storeDir: join(dir, 'document-store'),
    mediaTypes: ['image/png', 'image/svg+xml'],
    maxBytes: 1024,
  };
}

function take(context: DocumentContext, href: string, mediaType: string, declared: string | Buffer) {
  const record = EventRecordSchema.parse(
    patentRecord({ documents: [{ kind: 'drawing', href, mediaType, sha256: sha256(declared) }] }),
  );
  return takeDocuments(record, context);
}

describe('takeDocuments(record, context)', () => {
  it('keeps a good document in the store and publishes it under its hash and type', async () => {
    const context = await setUp();
    const { taken, errors } = take(context, 'documents/mark.png', 'image/png', PNG);
    expect(errors).toEqual([]);
    expect(taken).toEqual([
      {
        seq: 0,
        sourceSha256: sha256(PNG),
        sha256: sha256(PNG),
        mediaType: 'image/png',
        bytes: PNG.length,
        path: `documents/${sha256(PNG)}.png`,
      },
    ]);
    expect(await readFile(documentFile(context.storeDir, sha256(PNG)))).toEqual(PNG);
  });

  it('follows a link that stays inside the folder', async () => {
    const context = await setUp();
    expect(take(context, 'documents/in.png', 'image/png', PNG).errors).toEqual([]);
  });

  it('publishes an SVG sanitized, and keeps the bytes received too', async () => {
    const context = await setUp();
    const [document] = take(context, 'documents/mark.svg', 'image/svg+xml', SVG).taken;
    expect(document?.sourceSha256).toBe(sha256(SVG));
    const published = await readFile(documentFile(context.storeDir, document?.sha256 as string), 'utf8');
    expect(published).toContain('<rect');
    expect(published).not.toMatch(/script|onload|alert/);
    expect(document?.path).toBe(`documents/${sha256(published)}.svg`);
    expect(existsSync(documentFile(context.storeDir, sha256(SVG)))).toBe(true);
  });

  it.each([
    ['a link that leads out of the folder', 'documents/out.png', 'leads outside the folder'],
    ['a path up and out', '../secret.png', 'leads outside the folder'],
    ['an absolute path', '/etc/passwd', 'an absolute path'],
    ['a URL', 'https://evil.example/x.png', 'a URL'],
    ['a file that is not there', 'documents/none.png', 'no such file'],
    ['a folder', 'documents', 'not a regular file'],
  ])('refuses %s, naming href', async (_case, href, found) => {
    const context = await setUp();
    const { taken, errors } = take(context, href, 'image/png', PNG);
    expect(taken).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('documents[0].href');
    expect(errors[0]?.found).toContain(found);
    expect(existsSync(context.storeDir)).toBe(false);
  });

  it('refuses bytes other than those declared, naming sha256', async () => {
    const context = await setUp();
    const { errors } = take(context, 'documents/mark.png', 'image/png', 'other bytes');
    expect(errors).toEqual([
      {
        field: 'documents[0].sha256',
        expected: 'the SHA-256 of the file "documents/mark.png"',
        found: `${sha256('other bytes')} (the file's is ${sha256(PNG)})`,
      },
    ]);
  });

  it('refuses a media type not allowed, or one the bytes belie, naming mediaType', async () => {
    const context = await setUp();
    expect(take(context, 'documents/mark.png', 'image/svg+xml', PNG).errors[0]?.field).toBe(
      'documents[0].mediaType',
    );
    expect(
      take({ ...context, mediaTypes: ['image/svg+xml'] }, 'documents/mark.png', 'image/png', PNG).errors[0],
    ).toMatchObject({
      field: 'documents[0].mediaType',
    });
  });

  it('refuses a document over the size limit', async () => {
    const context = await setUp();
    const { errors } = take({ ...context, maxBytes: PNG.length - 1 }, 'documents/mark.png', 'image/png', PNG);
    expect(errors).toEqual([
      {
        field: 'documents[0].href',
        expected: `a document of at most ${PNG.length - 1} bytes`,
        found: `${PNG.length} bytes`,
      },
    ]);
  });
});
