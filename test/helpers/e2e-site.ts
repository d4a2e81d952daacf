/**
 * For the end-to-end tests: the fixture site built, indexed and served as `tidende build` makes it,
 * Debian's Chromium launched through playwright-core, tabs that record what goes wrong in the
 * browser, and axe-core run in a page.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { writeNumberIndex } from '../../src/lib/site/number-index.ts';
import { archivePages } from '../../src/lib/site/search-archive.ts';
import { indexSite, type SearchIndexSummary } from '../../src/lib/site/search-index.ts';
import { siteDataReader } from '../../src/lib/site/site-data.ts';
import { type StaticServer, start } from '../../src/lib/site/static-server.ts';
import { buildSitePages, PROJECT_ROOT } from './site-build.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'site-data-small');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails with how to install Chromium when it is not where the tests look for it. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The end-to-end tests need Chromium at ${CHROMIUM}, and it is not there. Install it: apt-get install -y chromium`,
    );
  }
}

export interface FixtureSite {
  /** The temporary folder the site was built in; `dist/` in it is what is served. */
  dir: string;
  server: StaticServer;
  /** What the search index wrote. */
  search: SearchIndexSummary;
  /** Stops the server and removes the folder. */
  close(): Promise<void>;
}

/**
 * Builds the fixture site into a temporary folder as `tidende build` does (pages, then the search
 * index with past years' issues in a bundle of their own, then the number shards), and serves it.
 * Search bundles are small, so that every search runs across several merged bundles, as at scale.
 */
export async function serveFixtureSite(): Promise<FixtureSite> {
  const dir = await mkdtemp(join(tmpdir(), 'tidende-e2e-'));
  try {
    const started = performance.now();
    await buildSitePages(FIXTURE, join(dir, 'dist'), join(dir, 'cache'));
    const data = siteDataReader(FIXTURE);
    const search = await indexSite(join(dir, 'dist'), {
      archivePages: archivePages(await data.site()),
      maxBundlePages: 3,
    });
    await writeNumberIndex(join(dir, 'dist'), await data.rightsIndex());
    process.stdout.write(
      `fixture site built and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const server = await start(join(dir, 'dist'));
    return {
      dir,
      server,
      search,
      close: async () => {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Debian's Chromium, headless, with nothing of its own going to the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** What went wrong in the browser so far: console errors, failed or outside requests. */
  problems: string[];
}

/**
 * A fresh browser context and tab on the site at `siteUrl` that records every console error,
 * uncaught error and failed response, and blocks any request off the site.
 */
export async function openTab(
  browser: Browser,
  siteUrl: string,
  options: BrowserContextOptions = {},
): Promise<Tab> {
  const problems: string[] = [];
  const context = await browser.newContext({ locale: 'nb-NO', ...options });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(siteUrl)) return route.continue();
    problems.push(`request off the site: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  return { context, page, problems };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

let axeSource: Promise<string> | undefined;

/** Runs axe-core in the page with the WCAG 2.1 A and AA rules, and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // evaluate() is not subject to the page's Content-Security-Policy, a script tag would be.
  await page.evaluate(await axeSource);
  return page.evaluate(async (tags) => {
    const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}
interface Axe {
  run(context: unknown, options: unknown): Promise<AxeResults>;
}
interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: string[]; html: string; failureSummary?: string }[];
  }[];
}

/** One line for a violation: its rule, what it asks, and the elements that break it. */
export function describeViolation(v: AxeViolation): string {
  return `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`;
}
