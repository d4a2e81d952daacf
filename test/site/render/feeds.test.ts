import { describe, expect, it } from 'vitest';
import { issuesFeedXml, sectionFeedXml } from '../../../src/lib/site/render/feeds.ts';
import { fixture } from '../fixture-data.ts';
import { childElements, parseXml, textOf } from '../xml-well-formed.ts';

const site = await fixture.site();
const SITE_URL = 'https://tidende.example/';

describe('issuesFeedXml(site, lang, siteUrl)', () => {
  it('has an entry per issue, newest first, with absolute URLs in the language', () => {
    const feed = parseXml(issuesFeedXml(site, 'en', SITE_URL));
    expect(feed.attributes['xml:lang']).toBe('en');
    expect(textOf(childElements(feed, 'id')[0])).toBe('https://tidende.example/en/feed.xml');
    expect(textOf(childElements(feed, 'updated')[0])).toBe('2021-01-03T23:01:00.000Z');
    const entries = childElements(feed, 'entry');
    expect(entries.map((e) => textOf(childElements(e, 'id')[0]))).toEqual([
      'https://tidende.example/en/issues/2021-01/',
      'https://tidende.example/en/issues/2020-53/',
      'https://tidende.example/en/issues/2020-52/',
    ]);
    expect(textOf(childElements(entries[0] ?? feed, 'summary')[0])).toBe(
      '3 announcements. Patents: 1, Trademarks: 1, Designs: 1.',
    );
  });

  it('is dated by the build when there is no issue yet', () => {
    const feed = parseXml(issuesFeedXml({ asOf: '2020-01-01T00:00:00.000Z', issues: [] }, 'nb', SITE_URL));
    expect(textOf(childElements(feed, 'updated')[0])).toBe('2020-01-01T00:00:00.000Z');
    expect(childElements(feed, 'entry')).toEqual([]);
  });
});

describe('sectionFeedXml(site, section, lang, siteUrl)', () => {
  it('lists only the issues that have the section, linking to it', () => {
    const feed = parseXml(sectionFeedXml(site, 'corrections', 'nb', SITE_URL));
    expect(textOf(childElements(feed, 'title')[0])).toBe('Tidende: Rettelser');
    const entries = childElements(feed, 'entry');
    expect(entries).toHaveLength(1);
    const link = childElements(entries[0] ?? feed, 'link')[0];
    expect(link?.attributes.href).toBe('https://tidende.example/issues/2021-01/#trademark-corrections');
  });
});
