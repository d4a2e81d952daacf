import { describe, expect, it } from 'vitest';
import {
  groupEntries,
  issuePageView,
  neighbourIssues,
  sectionHeading,
} from '../../../src/lib/site/render/issue-view.ts';
import type { EntryView } from '../../../src/lib/site/site-data.ts';
import { fixture } from '../fixture-data.ts';

const site = await fixture.site();

describe('groupEntries(entries)', () => {
  it('orders groups by right type, then section, keeping entry order within a group', () => {
    const entry = (right: EntryView['right'], section: EntryView['section'], eventId: string) =>
      ({ right, section, eventId }) as EntryView;
    const groups = groupEntries([
      entry('design', 'other', 'd1'),
      entry('trademark', 'corrections', 't2'),
      entry('trademark', 'applications', 't1'),
      entry('patent', 'registrations', 'p1'),
      entry('trademark', 'applications', 't0'),
    ]);
    expect(groups.map((g) => `${g.right}/${g.section}:${g.entries.map((e) => e.eventId).join(',')}`)).toEqual(
      [
        'patent/registrations:p1',
        'trademark/applications:t1,t0',
        'trademark/corrections:t2',
        'design/other:d1',
      ],
    );
  });
});

describe('neighbourIssues(id, issues)', () => {
  it('finds the older and newer issue in a newest-first list', () => {
    expect(neighbourIssues('2020-53', site.issues)).toEqual({ previous: '2020-52', next: '2021-01' });
    expect(neighbourIssues('2021-01', site.issues)).toEqual({ previous: '2020-53', next: null });
  });
});

describe('issuePageView(issue, site, lang)', () => {
  it('builds headings, anchors and counts of the week-53 issue', async () => {
    const view = issuePageView(await fixture.issue('2020-53'), site, 'en');
    expect(view.heading).toBe('Tidende 2020-53, week 53 2020');
    expect(view.published.text).toBe('Published 28 December 2020');
    expect(view.total).toBe('2 announcements');
    expect(view.rights.map((r) => [r.heading, r.sections.map((s) => s.anchor)])).toEqual([
      ['Patents', ['patent-applications']],
      ['Designs', ['design-registrations']],
    ]);
    expect(view.rights[1]?.sections[0]?.heading).toBe('Registrations');
    // The patent's ST.27 event is from a verified list, the design's ST.87 event from a provisional one.
    const [patent, design] = view.rights.map((r) => r.sections[0]?.entries[0]);
    expect(patent?.standardEvents.map((l) => l.provisional)).toEqual([false]);
    expect(design?.standardEvents.map((l) => l.provisional)).toEqual([true]);
    // State and stage in words, beside the codes kept for the technical details.
    expect(design?.status).toEqual({ state: 'Active', stage: expect.any(String) });
    expect(design?.eventId).toMatch(/^NO-DS-20200999-/);
    expect(view.previous?.href).toBe('/en/issues/2020-52/');
    expect(view.next?.href).toBe('/en/issues/2021-01/');
  });
});

describe('sectionHeading(right, section, lang)', () => {
  it('names a section for its right type where the name across rights would not fit', () => {
    expect(sectionHeading('trademark', 'registrations', 'nb')).toBe('Registreringer');
    expect(sectionHeading('patent', 'registrations', 'nn')).toBe('Meddelte patent');
    expect(sectionHeading('patent', 'renewals', 'en')).toBe('Annual fees');
    expect(sectionHeading('design', 'oppositions', 'nb')).toBe('Innsigelser og klager');
  });
});
