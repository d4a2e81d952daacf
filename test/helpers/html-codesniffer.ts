/**
 * HTML_CodeSniffer in a page, as pa11y runs it: pa11y's default runner injects
 * `@pa11y/html_codesniffer/build/HTMLCS.js` and calls `HTMLCS.process('WCAG2AA', document, …)`; a
 * message of type 1 is what pa11y reports as an error (2 a warning, 3 a notice, both left out by
 * pa11y's defaults). Running the same engine here spares pa11y's own dependency on puppeteer,
 * whose install downloads a browser; the page is Debian's Chromium driven by playwright-core.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from './site-build.ts';

export interface SnifferError {
  /** The sniff's code, e.g. `WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail`. */
  code: string;
  message: string;
  /** A CSS selector for the element, built as pa11y builds it. */
  selector: string;
  /** The element's outer HTML, cut at 250 characters as pa11y does. */
  html: string;
}

let source: Promise<string> | undefined;

/** Runs HTML_CodeSniffer with `standard` (pa11y's default: WCAG2AA) and returns its errors. */
export async function htmlCodeSnifferErrors(page: Page, standard = 'WCAG2AA'): Promise<SnifferError[]> {
  source ??= readFile(
    join(PROJECT_ROOT, 'node_modules', '@pa11y', 'html_codesniffer', 'build', 'HTMLCS.js'),
    'utf8',
  );
  // evaluate() is not subject to the page's Content-Security-Policy, a script tag would be.
  await page.evaluate(await source);
  return page.evaluate(
    (standard) =>
      new Promise<SnifferError[]>((resolve, reject) => {
        const { HTMLCS, document } = globalThis as unknown as { HTMLCS: HtmlCs; document: unknown };
        /** pa11y's selector: ids where there are, else tag and position up to the root. */
        const selectorOf = (element: DomElement | null): string => {
          const parts: string[] = [];
          for (let node = element; node && node.nodeType === 1; node = node.parentNode) {
            if (node.id) {
              parts.unshift(`#${node.id}`);
              break;
            }
            const tag = node.tagName.toLowerCase();
            const parent = node.parentNode;
            const siblings = parent?.children
              ? [...parent.children].filter((c) => c.tagName === node?.tagName)
              : [];
            parts.unshift(
              siblings.length > 1
                ? `${tag}:nth-child(${[...(parent?.children ?? [])].indexOf(node) + 1})`
                : tag,
            );
          }
          return parts.join(' > ');
        };
        const htmlOf = (element: DomElement | null): string => {
          const html = element?.outerHTML ?? '';
          return html.length > 250 ? `${html.slice(0, 250)}...` : html;
        };
        HTMLCS.process(
          standard,
          document,
          () =>
            resolve(
              HTMLCS.getMessages()
                .filter((m) => m.type === 1)
                .map((m) => ({
                  code: m.code,
                  message: m.msg,
                  selector: selectorOf(m.element),
                  html: htmlOf(m.element),
                })),
            ),
          () => reject(new Error(`HTML_CodeSniffer could not load the standard ${standard}`)),
          'en',
        );
      }),
    standard,
  );
}

interface HtmlCs {
  process(standard: string, content: unknown, done: () => void, failed: () => void, language: string): void;
  getMessages(): { type: number; code: string; msg: string; element: DomElement | null }[];
}
interface DomElement {
  nodeType: number;
  id: string;
  tagName: string;
  outerHTML: string;
  parentNode: DomElement | null;
  children?: Iterable<DomElement>;
}
