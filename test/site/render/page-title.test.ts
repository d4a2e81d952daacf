import { describe, expect, it } from 'vitest';
import { pageTitle } from '../../../src/lib/site/render/page-title.ts';

describe('pageTitle(title, siteName, tagline)', () => {
  it('names the site once: after a title that does not, not after one that does', () => {
    expect(pageTitle('Tidende 2026-40', 'Tidende', 'x')).toBe('Tidende 2026-40');
    expect(pageTitle('Om Tidende', 'Tidende', 'x')).toBe('Om Tidende');
    expect(pageTitle('Varemerke 201306977: Clever Studio', 'Tidende', 'x')).toBe(
      'Varemerke 201306977: Clever Studio – Tidende',
    );
  });

  it('does not take a word that only contains the name for it', () => {
    expect(pageTitle('Tidendes arkiv', 'Tidende', 'x')).toBe('Tidendes arkiv – Tidende');
    expect(pageTitle('Varemerke 1: TIDENDEBLADET', 'Tidende', 'x')).toBe(
      'Varemerke 1: TIDENDEBLADET – Tidende',
    );
  });

  it('gives the home page the name and the tagline', () => {
    expect(pageTitle(undefined, 'Tidende', 'Kunngjøringer frå Patentstyret')).toBe(
      'Tidende – Kunngjøringer frå Patentstyret',
    );
  });
});
