/**
 * The built site in a real browser: Debian's Chromium driven by playwright-core. The fixture site
 * is built, indexed and served once; each test opens pages as a reader would, the console must
 * stay free of errors, no request may leave the site, and axe-core must find no WCAG 2.1 A or AA
 * violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  describeViolation,
  type FixtureSite,
  launchChromium,
  openTab,
  requireChromium,
  serveFixtureSite,
} from '../helpers/e2e-site.ts';

/** From the fixture: a patent whose title has a rare word, and a trademark's registration number. */
const PATENT = { path: 'patent/20201234/', word: 'avsalting' };
const TRADEMARK = { path: 'trademark/202012345/', registrationNumber: '310 001' };

let site: FixtureSite;
let browser: Browser;
let context: BrowserContext;
/** What went wrong in the browser during the current test: console errors, failed or outside requests. */
let problems: string[] = [];

beforeAll(async () => {
  requireChromium();
  // As `tidende build` does: pages, then the search index with past years' issues in a bundle
  // of their own (2020-52 and 2020-53; the latest issue is 2021-01), then the number shards.
  site = await serveFixtureSite();
  const { search } = site;
  expect(search.languages).toEqual(['en', 'nb', 'nn']);
  expect(search.bundles[0]).toEqual({ dir: 'pagefind-archive', pages: 6, reused: false });
  expect(search.bundles.length).toBeGreaterThan(3);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

afterEach(async () => {
  await context?.close();
  expect(problems, 'the browser reported problems').toEqual([]);
});

/** A fresh browser tab that records every console error and blocks any request off the site. */
async function newPage(): Promise<Page> {
  problems = [];
  const tab = await openTab(browser, site.server.url);
  context = tab.context;
  problems = tab.problems;
  return tab.page;
}

const at = (path: string) => new URL(path, site.server.url).href;

/** Runs axe-core with the WCAG 2.1 A and AA rules and expects no violation. */
async function expectAccessible(page: Page): Promise<void> {
  const violations = (await axeViolations(page)).map(describeViolation);
  expect(violations, `axe-core on ${page.url()}`).toEqual([]);
}

/**
 * Waits until the search page has shown what it found (its results no longer aria-busy), and
 * returns the result links. Waits use locators, not functions evaluated in the page: the page's
 * policy forbids evaluating strings.
 */
async function searchResults(page: Page): Promise<string[]> {
  await page.locator('[data-search-results][aria-busy="false"]').waitFor({ state: 'attached' });
  return page
    .locator('.search-result h3 a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

describe('the gazette site in Chromium', () => {
  it('opens home, the latest issue and a register page, all accessible', async () => {
    const page = await newPage();
    await page.goto(at(''));
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await expectAccessible(page);

    await page.locator('.issue-summary__title a').click();
    await page.waitForURL(/\/issues\/\d{4}-\d{2}\/$/);
    expect(await page.locator('.entry').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    const register = page.locator('.entry__links a[href$="/"]').last();
    const href = await register.getAttribute('href');
    expect(href).toMatch(/^\/(patent|trademark|design)\/[^/]+\/$/);
    await register.click();
    await page.waitForURL(at(href?.slice(1) ?? ''));
    expect(await page.locator('h1').count()).toBe(1);
    await expectAccessible(page);
  });

  it('switches the language of a page and keeps the reader on the same page', async () => {
    const page = await newPage();
    await page.goto(at(PATENT.path));
    await page.locator('.language-switch a[hreflang="en"]').click();
    await page.waitForURL(at(`en/${PATENT.path}`));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('.language-switch a[hreflang="nn"]').click();
    await page.waitForURL(at(`nn/${PATENT.path}`));
    expect(await page.locator('html').getAttribute('lang')).toBe('nn');
  });

  it('finds a right by a word of its title, and the search page with results is accessible', async () => {
    const page = await newPage();
    await page.goto(at('search/'));
    await page.locator('#search-q').fill(PATENT.word);
    await page.locator('#search-q').press('Enter');
    expect(await searchResults(page)).toContain(`/${PATENT.path}`);
    expect(new URL(page.url()).searchParams.get('q')).toBe(PATENT.word);
    // One link for a register page: its sections are on every one and say nothing of the hit.
    const hit = page.locator('.search-result', { has: page.locator(`a[href$="/${PATENT.path}"]`) });
    expect(await hit.count()).toBe(1);
    expect(await hit.locator('.search-subresults').count()).toBe(0);
    await expectAccessible(page);
    // No hit: a sentence that helps, and no heading over an empty list.
    await page.locator('#search-q').fill('zzyzxqv');
    await page.locator('#search-q').press('Enter');
    await expect
      .poll(() => page.locator('[data-search-status]').textContent())
      .toContain('Ingen treff for «zzyzxqv»');
    expect(await page.locator('[data-search-results]').isVisible()).toBe(false);
  });

  it('finds pages across the merged search bundles, past years’ issues among them', async () => {
    const page = await newPage();
    await page.goto(at(`search/?q=${PATENT.word}`));
    const results = await searchResults(page);
    // The patent's page and its 2021 issue are in the site's bundle, its 2020 issue in the archive.
    expect(results).toEqual(
      expect.arrayContaining([`/${PATENT.path}`, '/issues/2021-01/', '/issues/2020-53/']),
    );
  });

  it('narrows the results with a filter, kept in the URL', async () => {
    const page = await newPage();
    await page.goto(at(`en/search/?q=${PATENT.word}`));
    const all = await searchResults(page);
    expect(all.length).toBeGreaterThan(1);
    // The filters wait, closed, under their summary: filling them in moved the page.
    expect(await page.locator('#search-filter-state').isVisible()).toBe(false);
    await page.locator('.search-filters-box summary').click();
    await page.locator('#search-filter-state').selectOption({ index: 1 });
    const state = new URL(page.url()).searchParams.get('state');
    expect(state).not.toBeNull();
    const narrowed = await searchResults(page);
    // Issues have no state: the filter leaves register pages of that state, the patent among them.
    expect(narrowed).toContain(`/en/${PATENT.path}`);
    expect(narrowed.length).toBeLessThan(all.length);
    expect(narrowed.filter((url) => !all.includes(url) || url.includes('/issues/'))).toEqual([]);
    await expectAccessible(page);
    // An address with a filter opens the box, showing what narrows the results.
    const again = await newPage();
    await again.goto(at(`en/search/?q=${PATENT.word}&state=${encodeURIComponent(state ?? '')}`));
    expect(await searchResults(again)).toEqual(narrowed);
    expect(await again.locator('#search-filter-state').isVisible()).toBe(true);
  });

  it('leads a registration number typed into search straight to the right’s page', async () => {
    const page = await newPage();
    await page.goto(at('en/search/'));
    await page.locator('#search-q').fill(TRADEMARK.registrationNumber);
    await page.locator('#search-q').press('Enter');
    await page.waitForURL(at(`en/${TRADEMARK.path}`));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('tells a reader without JavaScript how else to find a right, and shows no empty filters', async () => {
    const noScript = await browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(at('en/search/?q=nordlys'));
      expect(await page.locator('.search-filters').isVisible()).toBe(false);
      await expect
        .poll(() => page.getByRole('link', { name: 'All issues, year by year' }).isVisible())
        .toBe(true);
      // What is rendered, not the DOM's text: the sentence must show.
      // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what is checked.
      expect(await page.locator('.search').innerText()).toContain('/en/trademark/2023_01234/');
    } finally {
      await noScript.close();
    }
  });

  it('takes an application number as people write it: with a slash, spaces or the country code', async () => {
    const page = await newPage();
    await page.goto(at('nn/search/'));
    await page.locator('#search-q').fill('NO 2020/12345');
    await page.locator('#search-q').press('Enter');
    await page.waitForURL(at(`nn/${TRADEMARK.path}`));
  });

  it('leads a number in the search URL straight to the page, and Back does not return to search', async () => {
    const page = await newPage();
    await page.goto(at(''));
    await page.goto(at(`search/?q=${encodeURIComponent(TRADEMARK.registrationNumber)}`));
    await page.waitForURL(at(TRADEMARK.path));
    await page.goBack();
    await page.waitForURL(at(''));
  });

  it('can be used with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(at('search/'));
    const field = page.locator('#search-q:focus');
    for (let tab = 0; tab < 40 && (await field.count()) === 0; tab++) await page.keyboard.press('Tab');
    expect(await field.count(), 'Tab reaches the search field').toBe(1);
    await page.keyboard.type(PATENT.word);
    await page.keyboard.press('Enter');
    await searchResults(page);
    // Onwards from the field: the submit button, the filters, then the first result.
    const result = page.locator('.search-result a:focus');
    for (let tab = 0; tab < 40 && (await result.count()) === 0; tab++) await page.keyboard.press('Tab');
    const href = await result.getAttribute('href');
    expect(href).toMatch(/^\/(patent|issues)\//);
    await page.keyboard.press('Enter');
    await page.waitForURL(at(href?.slice(1) ?? ''));
  });
});
