/**
 * Lighthouse, run in Node against Debian's Chromium: chrome-launcher starts the browser, and each
 * run opens the page in a tab of its own with Lighthouse's default (mobile) settings: a phone's
 * screen, simulated slow 4G and a 4× slower CPU for the performance score.
 */
import { launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { CHROMIUM } from './e2e-site.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseBrowser {
  port: number;
  kill(): void;
}

/** Starts Chromium for Lighthouse, headless, with chrome-launcher's flags for quiet, repeatable runs. */
export async function launchChromeForLighthouse(): Promise<LighthouseBrowser> {
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
    logLevel: 'error',
  });
  return { port: chrome.port, kill: () => chrome.kill() };
}

export interface LighthouseRun {
  lhr: Result;
  /** The HTML report, to be read in a browser. */
  html: string;
}

/** Runs Lighthouse on `url`, mobile, with the four categories. */
export async function runLighthouse(browser: LighthouseBrowser, url: string): Promise<LighthouseRun> {
  const result = await lighthouse(url, {
    port: browser.port,
    output: 'html',
    logLevel: 'error',
    locale: 'en-US',
    onlyCategories: [...CATEGORIES],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError) {
    throw new Error(`Lighthouse could not audit ${url}: ${result.lhr.runtimeError.message}`);
  }
  const report = Array.isArray(result.report) ? result.report[0] : result.report;
  return { lhr: result.lhr, html: report ?? '' };
}

export interface FailedAudit {
  id: string;
  title: string;
  score: number | null;
  displayValue?: string;
  /** What the audit names: elements (selector and HTML), URLs, or values, at most 20. */
  items: string[];
}

/** The audits of a category that count towards its score and did not pass. */
export function failedAudits(lhr: Result, category: Category): FailedAudit[] {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
    .map((audit) => auditSummary(audit as Result['audits'][string]));
}

/** An audit's score, value and the elements or resources it names. */
export function auditSummary(audit: Result['audits'][string]): FailedAudit {
  return {
    id: audit.id,
    title: audit.title,
    score: audit.score,
    ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
    items: detailItems(audit.details).slice(0, 20),
  };
}

function detailItems(details: unknown): string[] {
  const items = (details as { items?: unknown[] } | undefined)?.items;
  if (!Array.isArray(items)) return [];
  return items.map((item) => describeItem(item as Record<string, unknown>));
}

function describeItem(item: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (v.type === 'node') {
        parts.push(
          [v.selector, v.snippet, v.explanation].filter((s) => typeof s === 'string' && s !== '').join(' '),
        );
      } else if (v.type === 'source-location') {
        parts.push(`${v.url}:${v.line}:${v.column}`);
      } else if (v.type === 'url' || v.type === 'text' || v.type === 'code') {
        parts.push(`${key}: ${String(v.value)}`);
      } else if (Array.isArray(v.items)) {
        parts.push(`${key}: ${detailItems(v).join('; ')}`);
      }
    } else if (value !== undefined && value !== null && value !== '') {
      parts.push(`${key}: ${String(value)}`);
    }
  }
  return parts.join(' | ');
}
