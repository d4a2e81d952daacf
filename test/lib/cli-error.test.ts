import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from '../../scripts/cli.ts';
import { CliError, describeFileError, requireReadable, requireWritable } from '../../src/lib/cli-error.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** The error `fn` throws. */
function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

function errno(code: string, path: string, syscall = 'open'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, path, syscall });
}

describe('describeFileError', () => {
  it("puts Node's file system errors in words, naming the path", () => {
    expect(describeFileError(errno('ENOENT', 'x.ndjson'))).toBe('no such file: x.ndjson');
    expect(describeFileError(errno('ENOENT', 'maps', 'scandir'), undefined, 'folder')).toBe(
      'no such folder: maps',
    );
    expect(describeFileError(errno('EISDIR', 'site'))).toBe('site is a folder, expected a file');
    expect(describeFileError(errno('EACCES', '/root/x'))).toBe('permission denied: /root/x');
    expect(describeFileError(errno('EPERM', '/root/x'))).toBe('permission denied: /root/x');
  });

  it('prefers the path the person gave, and leaves other errors alone', () => {
    expect(describeFileError(errno('ENOENT', '/abs/x.ndjson'), 'x.ndjson')).toBe('no such file: x.ndjson');
    expect(describeFileError(errno('ENOSPC', 'x'))).toBeUndefined();
    expect(describeFileError(new Error('boom'))).toBeUndefined();
    expect(describeFileError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }))).toBeUndefined();
  });

  it('names the file that stands where a folder should be', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.txt');
    await writeFile(file, 'x');
    expect(describeFileError(errno('ENOTDIR', join(file, 'b', 'c.ndjson')))).toBe(
      `${file} is a file, expected a folder (on the way to ${join(file, 'b', 'c.ndjson')})`,
    );
    expect(describeFileError(errno('ENOTDIR', file, 'scandir'), undefined, 'folder')).toBe(
      `${file} is a file, expected a folder`,
    );
    expect(describeFileError(errno('EEXIST', file, 'mkdir'))).toBe(`${file} is a file, expected a folder`);
  });
});

describe('requireReadable and requireWritable', () => {
  it('accept what is there, of the kind expected', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.ndjson');
    await writeFile(file, '');
    expect(() => requireReadable(file, 'file')).not.toThrow();
    expect(() => requireReadable(dir, 'folder')).not.toThrow();
    expect(() => requireWritable(join(dir, 'new', 'store.duckdb'), 'file')).not.toThrow();
    expect(() => requireWritable(file, 'file')).not.toThrow();
    expect(() => requireWritable(dir, 'folder')).not.toThrow();
  });

  it('throw a CliError (exit code 1) in words otherwise', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.ndjson');
    await writeFile(file, '');
    const cases: [() => void, string][] = [
      [() => requireReadable(join(dir, 'none.ndjson'), 'file'), `no such file: ${join(dir, 'none.ndjson')}`],
      [() => requireReadable(join(dir, 'none'), 'folder'), `no such folder: ${join(dir, 'none')}`],
      [() => requireReadable(dir, 'file'), `${dir} is a folder, expected a file`],
      [() => requireReadable(file, 'folder'), `${file} is a file, expected a folder`],
      [() => requireWritable(dir, 'file'), `${dir} is a folder, expected a file`],
      [() => requireWritable(file, 'folder'), `${file} is a file, expected a folder`],
      [
        () => requireWritable(join(file, 'out'), 'folder'),
        `${file} is a file, expected a folder (on the way to ${join(file, 'out')})`,
      ],
    ];
    for (const [check, message] of cases) {
      const error = thrown(check);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toBe(message);
      expect((error as CliError).exitCode).toBe(1);
    }
  });

  // Root reads anything, so permissions can only be tested as another user.
  it.skipIf(process.getuid?.() === 0)('say permission denied for a file that cannot be read', async () => {
    const dir = await tempDir();
    const locked = join(dir, 'locked');
    await mkdir(locked);
    await writeFile(join(locked, 'a.ndjson'), '');
    await chmod(join(locked, 'a.ndjson'), 0o000);
    try {
      expect((thrown(() => requireReadable(join(locked, 'a.ndjson'), 'file')) as Error).message).toBe(
        `permission denied: ${join(locked, 'a.ndjson')}`,
      );
    } finally {
      await chmod(join(locked, 'a.ndjson'), 0o600);
    }
  });
});

describe('closestNames', () => {
  const options = ['store', 'quarantine', 'workers', 'max-line-bytes', 'max-document-bytes', 'json', 'help'];

  it('suggests names one or two edits away, or that the word starts', () => {
    expect(closestNames('stor', options)).toEqual(['store']);
    expect(closestNames('stroe', options)).toEqual(['store']);
    expect(closestNames('Store', options)).toEqual(['store']);
    expect(closestNames('quarantien', options)).toEqual(['quarantine']);
    expect(closestNames('max', options)).toEqual(['max-line-bytes', 'max-document-bytes']);
    expect(closestNames('ingets', ['ingest', 'sample', 'build'])).toEqual(['ingest']);
  });

  it('suggests nothing for a word far from every name', () => {
    expect(closestNames('frobnicate', options)).toEqual([]);
    expect(closestNames('x', options)).toEqual([]);
    expect(closestNames('', options)).toEqual([]);
    expect(closestNames('zz', ['ab', 'cd'])).toEqual([]);
  });

  it('words the suggestions as a question', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['--store'])).toBe(' Did you mean --store?');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' Did you mean a, b or c?');
  });
});
