/**
 * The quality bar of the site's pages, checked on the fixture site in Debian's Chromium: home, an
 * issue, a register page of each right type, search (empty and with results) and open data.
 *
 * - Lighthouse (mobile, its default): accessibility, best practices and SEO at least 0.95 and a
 *   cumulative layout shift of at most 0.05. The performance score (goal 0.95) moves with the
 *   machine's load, so it is recorded, not asserted.
 * - HTML_CodeSniffer with WCAG2AA, the engine and standard pa11y runs by default: no error.
 * - axe-core with the WCAG 2.1 A and AA rules: no violation.
 * - A full-page screenshot of each page at 390 and 1280 px, home and the issue in all three
 *   languages.
 *
 * What they find is written to `test-results/`: the screenshots and a summary of every score
 * (`quality-summary.json` and `.md`) in `test-results/screenshots/`, Lighthouse's reports in
 * `test-results/lighthouse/`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeViolation,
  axeViolations,
  describeViolation,
  type FixtureSite,
  launchChromium,
  openTab,
  requireChromium,
  serveFixtureSite,
} from '../helpers/e2e-site.ts';
import { htmlCodeSnifferErrors, type SnifferError } from '../helpers/html-codesniffer.ts';
import {
  auditSummary,
  CATEGORIES,
  type Category,
  type FailedAudit,
  failedAudits,
  type LighthouseBrowser,
  launchChromeForLighthouse,
  runLighthouse,
} from '../helpers/lighthouse.ts';
import { PROJECT_ROOT } from '../helpers/site-build.ts';

const RESULTS = join(PROJECT_ROOT, 'test-results');
const SCREENSHOTS = join(RESULTS, 'screenshots');
const LIGHTHOUSE_REPORTS = join(RESULTS, 'lighthouse');

/** The lowest Lighthouse score each asserted category may have, and the most layout shift. */
const MIN_SCORE = 0.95;
const ASSERTED: Category[] = ['accessibility', 'best-practices', 'seo'];
const MAX_CLS = 0.05;

interface QualityPage {
  /** The name of its screenshots and its line in the summary. */
  name: string;
  path: string;
  /** Whether Lighthouse audits it. */
  lighthouse: boolean;
  /** An element that is there once the page has shown what it loads. */
  ready?: string;
}

/** From the fixture: the latest issue, and a right of each type. */
const PAGES: QualityPage[] = [
  { name: 'home', path: '', lighthouse: true },
  { name: 'home-nn', path: 'nn/', lighthouse: false },
  { name: 'home-en', path: 'en/', lighthouse: false },
  { name: 'issue', path: 'issues/2021-01/', lighthouse: true },
  { name: 'issue-nn', path: 'nn/issues/2021-01/', lighthouse: false },
  { name: 'issue-en', path: 'en/issues/2021-01/', lighthouse: false },
  { name: 'patent', path: 'patent/20201234/', lighthouse: true },
  { name: 'trademark', path: 'trademark/202012345/', lighthouse: true },
  { name: 'design', path: 'design/20200999/', lighthouse: true },
  { name: 'search', path: 'search/', lighthouse: true },
  {
    name: 'search-results',
    path: 'search/?q=avsalting',
    lighthouse: true,
    ready: '[data-search-results][aria-busy="false"]',
  },
  { name: 'data', path: 'data/', lighthouse: true },
];

/** A phone's width and a laptop's, with a screen's height for what is above the fold. */
const WIDTHS = [
  { width: 390, height: 844, mobile: true },
  { width: 1280, height: 800, mobile: false },
];

interface LighthouseSummary {
  url: string;
  scores: Record<Category, number | null>;
  cls: number | null;
  metrics: Record<string, string | undefined>;
  /** Per category, the audits that count towards its score and did not pass. */
  failed: Record<Category, FailedAudit[]>;
  layoutShifts: FailedAudit | null;
}
interface PageSummary {
  axe: AxeViolation[];
  htmlCodeSniffer: SnifferError[];
  problems: string[];
}
const lighthouseResults: Record<string, LighthouseSummary> = {};
const pageResults: Record<string, PageSummary> = {};

let site: FixtureSite;
let browser: Browser;
const started = performance.now();

const at = (path: string) => new URL(path, site.server.url).href;

beforeAll(async () => {
  requireChromium();
  await rm(SCREENSHOTS, { recursive: true, force: true });
  await rm(LIGHTHOUSE_REPORTS, { recursive: true, force: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  await mkdir(LIGHTHOUSE_REPORTS, { recursive: true });
  site = await serveFixtureSite();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await writeSummary();
  process.stdout.write(`quality checks took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
});

describe('Lighthouse, mobile', () => {
  let chrome: LighthouseBrowser;

  beforeAll(async () => {
    chrome = await launchChromeForLighthouse();
  }, 60_000);

  afterAll(() => chrome?.kill());

  it.each(PAGES.filter((page) => page.lighthouse))(
    '$name: accessibility, best practices and SEO ≥ 0.95, CLS ≤ 0.05',
    async ({ name, path }) => {
      const { lhr, html } = await runLighthouse(chrome, at(path));
      await writeFile(join(LIGHTHOUSE_REPORTS, `${name}.html`), html);
      const scores = Object.fromEntries(
        CATEGORIES.map((category) => [category, lhr.categories[category]?.score ?? null]),
      ) as Record<Category, number | null>;
      const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? null;
      const shifts = lhr.audits['layout-shifts'];
      const summary: LighthouseSummary = {
        url: `/${path}`,
        scores,
        cls,
        metrics: Object.fromEntries(
          ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index'].map(
            (id) => [id, lhr.audits[id]?.displayValue],
          ),
        ),
        failed: Object.fromEntries(
          CATEGORIES.map((category) => [category, failedAudits(lhr, category)]),
        ) as Record<Category, FailedAudit[]>,
        layoutShifts: shifts ? auditSummary(shifts) : null,
      };
      lighthouseResults[name] = summary;
      process.stdout.write(
        `lighthouse ${name.padEnd(15)} performance ${score(scores.performance)}  accessibility ${score(scores.accessibility)}  best practices ${score(scores['best-practices'])}  SEO ${score(scores.seo)}  CLS ${cls?.toFixed(3) ?? '?'}\n`,
      );

      for (const category of ASSERTED) {
        expect
          .soft(
            scores[category] ?? 0,
            `Lighthouse ${category} on /${path}; failed audits:\n${listAudits(summary.failed[category])}`,
          )
          .toBeGreaterThanOrEqual(MIN_SCORE);
      }
      expect
        .soft(
          cls ?? Number.POSITIVE_INFINITY,
          `cumulative layout shift on /${path}; shifts:\n${listAudits(summary.layoutShifts ? [summary.layoutShifts] : [])}`,
        )
        .toBeLessThanOrEqual(MAX_CLS);
    },
    180_000,
  );
});

describe('each page at 390 and 1280 px', () => {
  const cases = PAGES.flatMap((page) => WIDTHS.map((size) => ({ ...page, ...size })));

  it.each(cases)(
    '$name at $width px: screenshot; no axe-core violation, no HTML_CodeSniffer error, no problem in the browser',
    async ({ name, path, ready, width, height, mobile }) => {
      const { context, page, problems } = await openTab(browser, site.server.url, {
        viewport: { width, height },
        isMobile: mobile,
        hasTouch: mobile,
      });
      try {
        await page.goto(at(path), { waitUntil: 'load' });
        if (ready) await page.locator(ready).waitFor({ state: 'attached' });
        await page.evaluate(async () => {
          await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts
            .ready;
        });
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        // What the page itself reported, before the checkers are put into it.
        const pageProblems = [...problems];
        const axe = await axeViolations(page);
        const sniffer = await htmlCodeSnifferErrors(page);
        pageResults[`${name}-${width}`] = { axe, htmlCodeSniffer: sniffer, problems: pageProblems };

        expect.soft(axe.map(describeViolation), `axe-core on /${path} at ${width} px`).toEqual([]);
        expect
          .soft(
            sniffer.map((e) => `${e.code}: ${e.message} at ${e.selector}: ${e.html}`),
            `HTML_CodeSniffer WCAG2AA on /${path} at ${width} px`,
          )
          .toEqual([]);
        expect.soft(pageProblems, `the browser reported problems on /${path}`).toEqual([]);
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});

const score = (value: number | null) =>
  value === null ? '  ?' : String(Math.round(value * 100)).padStart(3);

function listAudits(audits: FailedAudit[]): string {
  return audits
    .map(
      (a) =>
        `- ${a.id} (${a.title}) score ${a.score}${a.displayValue ? `, ${a.displayValue}` : ''}${a.items.map((item) => `\n    ${item}`).join('')}`,
    )
    .join('\n');
}

/** Writes every score and finding to the screenshots' folder, as JSON and as a table to read. */
async function writeSummary(): Promise<void> {
  if (Object.keys(lighthouseResults).length + Object.keys(pageResults).length === 0) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  const summary = { lighthouse: lighthouseResults, pages: pageResults };
  await writeFile(join(SCREENSHOTS, 'quality-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const lines = [
    '# Quality checks of the fixture site',
    '',
    `Lighthouse ${MIN_SCORE} at least for ${ASSERTED.join(', ')}; CLS ${MAX_CLS} at most; performance recorded (goal ${MIN_SCORE}).`,
    '',
    '| page | performance | accessibility | best practices | SEO | CLS | FCP | LCP | TBT |',
    '|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(lighthouseResults).map(
      ([name, r]) =>
        `| ${name} (\`${r.url}\`) | ${CATEGORIES.map((c) => score(r.scores[c]).trim()).join(' | ')} | ${r.cls?.toFixed(3) ?? '?'} | ${r.metrics['first-contentful-paint'] ?? ''} | ${r.metrics['largest-contentful-paint'] ?? ''} | ${r.metrics['total-blocking-time'] ?? ''} |`,
    ),
    '',
    '## Lighthouse audits that failed',
    '',
    ...Object.entries(lighthouseResults).flatMap(([name, r]) => {
      const failed = ASSERTED.flatMap((c) => r.failed[c]);
      return failed.length ? [`### ${name}`, '', listAudits(failed), ''] : [];
    }),
    `## Layout shifts over ${MAX_CLS}`,
    '',
    ...Object.entries(lighthouseResults).flatMap(([name, r]) =>
      r.cls !== null && r.cls <= MAX_CLS
        ? []
        : [
            `### ${name}: CLS ${r.cls?.toFixed(3) ?? '?'}`,
            '',
            listAudits(r.layoutShifts ? [r.layoutShifts] : []),
            '',
          ],
    ),
    '## axe-core and HTML_CodeSniffer',
    '',
    '| page | axe-core violations | HTML_CodeSniffer errors | browser problems |',
    '|---|---|---|---|',
    ...Object.entries(pageResults).map(
      ([name, r]) => `| ${name} | ${r.axe.length} | ${r.htmlCodeSniffer.length} | ${r.problems.length} |`,
    ),
    '',
    ...Object.entries(pageResults).flatMap(([name, r]) => {
      const found = [
        ...r.axe.flatMap((v) => [
          `- axe-core ${v.id} (${v.impact}): ${v.help}`,
          ...v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`),
        ]),
        ...r.htmlCodeSniffer.map(
          (e) => `- HTML_CodeSniffer ${e.code}: ${e.message}\n    ${e.selector}: ${e.html}`,
        ),
        ...r.problems.map((p) => `- browser: ${p}`),
      ];
      return found.length ? [`### ${name}`, '', ...found, ''] : [];
    }),
    '',
  ];
  await writeFile(join(SCREENSHOTS, 'quality-summary.md'), lines.join('\n'));
}
