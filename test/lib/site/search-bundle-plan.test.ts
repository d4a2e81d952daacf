import { describe, expect, it } from 'vitest';
import { pageWithoutLanguage, planBundles } from '../../../src/lib/site/search-bundle-plan.ts';
import { isBundleDir } from '../../../src/lib/site/search-bundles.ts';

/** A right's register page in every language. */
const right = (n: number) => [
  `patent/${n}/index.html`,
  `nn/patent/${n}/index.html`,
  `en/patent/${n}/index.html`,
];

describe('pageWithoutLanguage(page)', () => {
  it('strips the prefix of a language other than the default, and nothing else', () => {
    expect(pageWithoutLanguage('nn/patent/1/index.html')).toBe('patent/1/index.html');
    expect(pageWithoutLanguage('en/index.html')).toBe('index.html');
    expect(pageWithoutLanguage('patent/1/index.html')).toBe('patent/1/index.html');
    expect(pageWithoutLanguage('nb/index.html')).toBe('nb/index.html');
    expect(pageWithoutLanguage('english/index.html')).toBe('english/index.html');
  });
});

describe('planBundles(pages, options)', () => {
  it('puts everything in the main bundle while it fits', () => {
    expect(planBundles([...right(2), ...right(1)])).toEqual([
      {
        dir: 'pagefind',
        pages: [
          'en/patent/1/index.html',
          'nn/patent/1/index.html',
          'patent/1/index.html',
          'en/patent/2/index.html',
          'nn/patent/2/index.html',
          'patent/2/index.html',
        ],
      },
    ]);
  });

  it('splits into bundles of at most maxPages, a page’s languages kept together', () => {
    const pages = [1, 2, 3, 4, 5].flatMap(right);
    const bundles = planBundles(pages, { maxPages: 7 });
    expect(bundles.map((b) => b.dir)).toEqual(['pagefind', 'pagefind-2', 'pagefind-3']);
    expect(bundles.map((b) => b.pages.length)).toEqual([6, 6, 3]);
    expect(bundles[2]?.pages).toEqual(right(5).sort());
    expect(bundles.flatMap((b) => b.pages).sort()).toEqual([...pages].sort());
  });

  it('keeps earlier bundles as they were when a right with a higher number comes', () => {
    const before = planBundles([1, 2, 3, 4].flatMap(right), { maxPages: 6 });
    const after = planBundles([1, 2, 3, 4, 5].flatMap(right), { maxPages: 6 });
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toEqual({ dir: 'pagefind-3', pages: right(5).sort() });
  });

  it('puts the archive pages in a bundle of their own, first, and only those that are there', () => {
    const bundles = planBundles([...right(1), 'issues/2020-01/index.html', 'issues/2021-01/index.html'], {
      archivePages: ['issues/2020-01/index.html', 'issues/2019-01/index.html'],
    });
    expect(bundles).toEqual([
      { dir: 'pagefind-archive', pages: ['issues/2020-01/index.html'] },
      { dir: 'pagefind', pages: ['issues/2021-01/index.html', ...right(1).sort()] },
    ]);
  });

  it('always has a main bundle, and refuses a bundle too small for one page in every language', () => {
    expect(planBundles([])).toEqual([{ dir: 'pagefind', pages: [] }]);
    expect(() => planBundles(right(1), { maxPages: 2 })).toThrow(
      'A search bundle must be able to hold at least 3 pages, got 2.',
    );
  });
});

describe('isBundleDir(name)', () => {
  it('knows the bundles and what a stopped build left, and nothing else', () => {
    for (const name of ['pagefind', 'pagefind-2', 'pagefind-archive', 'pagefind.partial-12']) {
      expect(isBundleDir(name)).toBe(true);
    }
    for (const name of ['pagefinder', 'patent', 'search']) expect(isBundleDir(name)).toBe(false);
  });
});
