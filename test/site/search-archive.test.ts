import { describe, expect, it } from 'vitest';
import { archivedIssues, archivePages } from '../../src/lib/site/search-archive.ts';
import { fixture } from './fixture-data.ts';

const issue = (id: string) => ({ id, year: Number(id.slice(0, 4)) });

describe('archivedIssues(site) and archivePages(site)', () => {
  it('archive the issues of the years before the latest issue’s, in every language', async () => {
    const site = await fixture.site();
    expect(archivedIssues(site)).toEqual(['2020-53', '2020-52']);
    expect(archivePages(site)).toEqual([
      'issues/2020-53/index.html',
      'nn/issues/2020-53/index.html',
      'en/issues/2020-53/index.html',
      'issues/2020-52/index.html',
      'nn/issues/2020-52/index.html',
      'en/issues/2020-52/index.html',
    ]);
  });

  it('archive nothing while every issue is of one year', () => {
    expect(archivedIssues({ issues: [issue('2021-02'), issue('2021-01')] as never })).toEqual([]);
    expect(archivedIssues({ issues: [] })).toEqual([]);
  });
});
