import { describe, expect, it } from 'vitest';
import { atomFeedXml, escapeXml } from '../../../src/lib/site/render/atom-feed.ts';
import { childElements, parseXml, textOf } from '../xml-well-formed.ts';

describe('escapeXml(text)', () => {
  it('escapes markup characters and drops characters XML cannot hold', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;',
    );
    expect(escapeXml('a\u0000b\u000bc\uFFFEd')).toBe('abcd');
    expect(escapeXml('Ærlig Øl 😀')).toBe('Ærlig Øl 😀');
  });
});

describe('atomFeedXml(feed)', () => {
  const xml = atomFeedXml({
    id: 'https://tidende.example/feed.xml',
    title: 'Tidende <&>',
    updated: '2021-01-03T23:01:00.000Z',
    selfHref: 'https://tidende.example/feed.xml?a=1&b=2',
    alternateHref: 'https://tidende.example/issues/',
    lang: 'nb',
    author: { name: 'Patentstyret' },
    entries: [
      {
        id: 'https://tidende.example/issues/2021-01/',
        title: '<script>alert(1)</script>',
        updated: '2021-01-03T23:01Z',
        href: 'https://tidende.example/issues/2021-01/',
        summary: 'Bryn & Co',
      },
    ],
  });

  it('is well-formed Atom with the required elements', () => {
    const feed = parseXml(xml);
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    for (const name of ['id', 'title', 'updated', 'author'])
      expect(childElements(feed, name)).toHaveLength(1);
    expect(childElements(feed, 'link').find((l) => l.attributes.rel === 'self')?.attributes.href).toBe(
      'https://tidende.example/feed.xml?a=1&b=2',
    );
    const [entry] = childElements(feed, 'entry');
    expect(textOf(childElements(entry ?? feed, 'title')[0])).toBe('<script>alert(1)</script>');
    expect(textOf(childElements(entry ?? feed, 'updated')[0])).toBe('2021-01-03T23:01:00.000Z');
  });

  it('rejects an update time that is not an instant', () => {
    expect(() =>
      atomFeedXml({
        id: 'x',
        title: 't',
        updated: 'soon',
        selfHref: 'x',
        alternateHref: 'x',
        lang: 'en',
        author: { name: 'a' },
        entries: [],
      }),
    ).toThrow(/"soon" is not an ISO 8601 instant/);
  });
});
