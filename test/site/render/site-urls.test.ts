import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  documentSrc,
  eventFragment,
  issuePath,
  issueYearPath,
  languageAlternates,
  languagePaths,
  localizedPath,
  paramToLang,
  registerPath,
} from '../../../src/lib/site/render/site-urls.ts';

describe('localizedPath(lang, path)', () => {
  it('puts Bokmål at the root and the other languages under a prefix', () => {
    expect(localizedPath('nb', 'issues/2020-53/')).toBe('/issues/2020-53/');
    expect(localizedPath('nn', 'issues/2020-53/')).toBe('/nn/issues/2020-53/');
    expect(localizedPath('en', '')).toBe('/en/');
    expect(localizedPath('nb', '')).toBe('/');
  });
});

describe('languageAlternates(path)', () => {
  it('lists the page in nb, nn and en', () => {
    expect(languageAlternates('about/')).toEqual([
      { lang: 'nb', href: '/about/' },
      { lang: 'nn', href: '/nn/about/' },
      { lang: 'en', href: '/en/about/' },
    ]);
  });
});

describe('languagePaths() and paramToLang(param)', () => {
  it('round-trip every language through the [...lang] parameter', () => {
    for (const { params, props } of languagePaths()) expect(paramToLang(params.lang)).toBe(props.lang);
  });

  it('rejects a prefix that is not a language, and nb as a prefix', () => {
    expect(() => paramToLang('de')).toThrow(/"de" is not a language prefix/);
    expect(() => paramToLang('nb')).toThrow();
  });
});

describe('page paths', () => {
  it('are stable and end in a slash', () => {
    expect(issuePath('2020-53')).toBe('issues/2020-53/');
    expect(issueYearPath(2020)).toBe('issues/2020/');
    expect(registerPath('trademark', '202012345')).toBe('trademark/202012345/');
  });

  it('make absolute URLs on the site', () => {
    expect(absoluteUrl('https://tidende.example/', '/en/feed.xml')).toBe(
      'https://tidende.example/en/feed.xml',
    );
  });
});

describe('documentSrc(href)', () => {
  it('serves a document from the site root under its href', () => {
    expect(documentSrc('documents/trademark/2020/1.svg')).toBe('/documents/trademark/2020/1.svg');
    expect(documentSrc('documents/a b.png')).toBe('/documents/a%20b.png');
  });

  it('gives null for a document on another host', () => {
    expect(documentSrc('https://example.com/a.png')).toBeNull();
    expect(documentSrc('//example.com/a.png')).toBeNull();
  });
});

describe('eventFragment(eventId)', () => {
  it('links to the anchor of an event, percent-encoded', () => {
    expect(eventFragment('NO-TM-202012345-0002')).toBe('#event-NO-TM-202012345-0002');
    expect(eventFragment('a b')).toBe('#event-a%20b');
  });
});
