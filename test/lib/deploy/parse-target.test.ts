import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/lib/cli-error.ts';
import { parseTarget } from '../../../src/lib/deploy/parse-target.ts';

function usageMessage(url: string): string {
  try {
    parseTarget(url);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`parseTarget accepted ${url}`);
}

describe('parseTarget(url)', () => {
  it('reads a local folder from a file URL, decoding it', () => {
    expect(parseTarget('file:///srv/www/tidende')).toEqual({
      kind: 'file',
      url: 'file:///srv/www/tidende',
      root: '/srv/www/tidende',
    });
    expect(parseTarget('file:///srv/my%20site/')).toMatchObject({ root: '/srv/my site/' });
    expect(parseTarget('file://localhost/srv/www')).toMatchObject({ root: '/srv/www' });
  });

  it('refuses file URLs that are not a local absolute path', () => {
    expect(usageMessage('file://server/share')).toContain('file:///absolute/path');
    expect(usageMessage('file:relative/dir')).toContain("got 'file:relative/dir'");
  });

  it('reads an Azure account and container', () => {
    expect(parseTarget('azure://nipogazette/$web')).toEqual({
      kind: 'azure',
      url: 'azure://nipogazette/$web',
      account: 'nipogazette',
      container: '$web',
    });
    expect(parseTarget('azure://devstoreaccount1/site-preview/')).toMatchObject({
      container: 'site-preview',
    });
  });

  it('refuses malformed Azure targets, saying what was expected', () => {
    expect(usageMessage('azure://NIPO/$web')).toContain("storage account 'NIPO'");
    expect(usageMessage('azure://ab/$web')).toContain('3-24 lower-case letters and digits');
    // What a shell leaves of an unquoted azure://acct/$web.
    expect(usageMessage('azure://acct/')).toContain('quote the URL');
    expect(usageMessage('azure://acct/Web_Site')).toContain("container 'Web_Site'");
    expect(usageMessage('azure://acct/$web/prefix')).toContain('nothing after the container');
    expect(usageMessage('azure://acct')).toContain('azure://ACCOUNT/CONTAINER');
  });

  it('refuses other schemes, naming the two it knows', () => {
    const message = usageMessage('s3://bucket/site');
    expect(message).toContain('file://');
    expect(message).toContain('azure://');
    expect(message).toContain("got 's3://bucket/site'");
    expect(usageMessage('/srv/www')).toContain("got '/srv/www'");
  });
});
