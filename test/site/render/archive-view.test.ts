import { describe, expect, it } from 'vitest';
import {
  archivePageView,
  homePageView,
  issueYears,
  yearPageView,
} from '../../../src/lib/site/render/archive-view.ts';
import { fixture } from '../fixture-data.ts';

const site = await fixture.site();

describe('homePageView(site, lang)', () => {
  it('shows the due issue with counts linking to its sections', () => {
    const view = homePageView(site, 'nb');
    expect(view.latest?.link).toEqual({ href: '/issues/2021-01/', text: 'Les utgave 2021-01' });
    expect(view.latest?.total).toBe('3 kunngjøringer');
    expect(view.latest?.rights.map((r) => `${r.heading} ${r.count}`)).toEqual([
      'Patenter 1',
      'Varemerker 1',
      'Design 1',
    ]);
    expect(view.latest?.rights[1]?.sections[0]?.anchor).toBe('/issues/2021-01/#trademark-corrections');
    expect(view.recent.map((r) => r.id)).toEqual(['2020-53', '2020-52']);
  });

  it('has no latest issue before the first', () => {
    expect(homePageView({ dueIssue: null, issues: [] }, 'en')).toEqual({ latest: null, recent: [] });
  });
});

describe('issueYears(issues) and yearPageView(site, year, lang)', () => {
  it('files week 53 under its ISO week-year', () => {
    expect(issueYears(site.issues)).toEqual([2021, 2020]);
    expect(yearPageView(site, 2020, 'en').issues.map((i) => i.id)).toEqual(['2020-53', '2020-52']);
    expect(yearPageView(site, 2021, 'en').issues.map((i) => i.id)).toEqual(['2021-01']);
  });
});

describe('archivePageView(site, lang)', () => {
  it('lists years newest first with their number of issues', () => {
    expect(archivePageView(site, 'nn').years).toEqual([
      { href: '/nn/issues/2021/', text: '2021', count: '1 utgåve' },
      { href: '/nn/issues/2020/', text: '2020', count: '2 utgåver' },
    ]);
  });
});
