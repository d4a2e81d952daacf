/**
 * Builds the small fixture site with Astro and checks the output: every page at its URL in nb, nn
 * and en, languages and alternates, escaping, accessibility structure, the Content-Security-Policy,
 * no third-party requests, feeds and sitemap, and incremental rebuilds.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAZETTE_SECTIONS } from '../../src/lib/mappings/mapping-row.ts';
import { contentSecurityPolicy } from '../../src/lib/site/render/content-security-policy.ts';
import { FIXTURE_DIR } from './fixture-data.ts';
import { childElements, parseXml, textOf, type XmlElement } from './xml-well-formed.ts';

const SITE_URL = 'https://tidende.example';
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PREFIXES = ['', 'nn/', 'en/'] as const;
const LANG_OF_PREFIX = { '': 'nb', 'nn/': 'nn', 'en/': 'en' } as const;

/** Every page of the fixture, language-independent. */
const PAGES = [
  '',
  'issues/',
  'issues/2020/',
  'issues/2021/',
  'issues/2020-52/',
  'issues/2020-53/',
  'issues/2021-01/',
  'patent/20201234/',
  'trademark/202012345/',
  'design/20200999/',
  'about/',
  'accessibility/',
  'data/',
];

/** Runs an Astro build of a site data folder; returns its log and how long it took. */
function buildSite(dataDir: string, outDir: string, cacheDir: string): { log: string; seconds: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['test/site/run-astro-build.ts', outDir, cacheDir], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      TIDENDE_SITE_DATA: dataDir,
      TIDENDE_SITE_URL: SITE_URL,
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  const log = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`astro build of ${dataDir} failed:\n${log}`);
  return { log, seconds: (performance.now() - started) / 1000 };
}

let tmp: string;
let out: string;
let cacheDir: string;
let firstBuild: { log: string; seconds: number };
const html = new Map<string, string>();

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const read = (file: string) => readFile(join(out, file), 'utf8');
/** HTML pages of the output except the search pages, which the search and end-to-end tests cover. */
const ownPages = () => [...html].filter(([file]) => !/(^|\/)search\//.test(file));

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tidende-site-'));
  out = join(tmp, 'dist');
  cacheDir = join(tmp, 'cache');
  firstBuild = buildSite(FIXTURE_DIR, out, cacheDir);
  for (const file of await filesUnder(out)) {
    if (file.endsWith('.html')) html.set(file, await read(file));
  }
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('astro build of test/fixtures/site-data-small', () => {
  it('writes every page at its URL in nb, nn and en, and a 404 page', () => {
    for (const prefix of PREFIXES) {
      for (const page of PAGES)
        expect(html.has(`${prefix}${page}index.html`), `/${prefix}${page}`).toBe(true);
    }
    expect(html.has('404.html')).toBe(true);
    expect(html.has('README/index.html')).toBe(false);
    process.stdout.write(`fixture site built in ${firstBuild.seconds.toFixed(1)} s\n`);
  });

  it('sets <html lang> from the URL prefix', () => {
    for (const prefix of PREFIXES) {
      for (const page of PAGES) {
        expect(html.get(`${prefix}${page}index.html`)).toMatch(
          new RegExp(`^<!DOCTYPE html><html lang="${LANG_OF_PREFIX[prefix]}"`),
        );
      }
    }
  });

  it('links each page to itself in every language with hreflang, x-default and the language switch', () => {
    for (const prefix of PREFIXES) {
      for (const page of PAGES) {
        const doc = html.get(`${prefix}${page}index.html`) ?? '';
        for (const [lang, other] of [
          ['nb', ''],
          ['nn', 'nn/'],
          ['en', 'en/'],
        ]) {
          expect(doc).toContain(
            `<link rel="alternate" hreflang="${lang}" href="${SITE_URL}/${other}${page}">`,
          );
          if (other !== prefix)
            expect(doc).toContain(`href="/${other}${page}" hreflang="${lang}" lang="${lang}"`);
        }
        expect(doc).toContain(`<link rel="alternate" hreflang="x-default" href="${SITE_URL}/${page}">`);
        expect(doc).toContain(`<link rel="canonical" href="${SITE_URL}/${prefix}${page}">`);
      }
    }
  });

  it('shows a party named <script>alert(1)</script> as text', () => {
    for (const file of [
      'patent/20201234/index.html',
      'issues/2020-53/index.html',
      'en/issues/2021-01/index.html',
    ]) {
      const doc = html.get(file) ?? '';
      expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(doc).not.toContain('<script>alert(1)');
    }
    expect(html.get('trademark/202012345/index.html')).toContain('Ærlig Øl AS, Bergen, Norge (NO)');
  });

  it('works without JavaScript: no script on any page but search, no inline styles', () => {
    for (const [file, doc] of ownPages()) {
      expect(doc, file).not.toMatch(/<script\b/i);
      expect(doc, file).not.toMatch(/<style\b|\sstyle="/i);
    }
  });

  it('gives every page a meta description of its own, and names the site once in its title', () => {
    const seen = new Map<string, string>();
    for (const [file, doc] of html) {
      const description = /<meta name="description" content="([^"]+)">/.exec(doc)?.[1];
      expect(description, file).toBeTruthy();
      // A page's description is its own: only the same page in the same language shares none.
      expect(seen.get(description as string), `${file} has the description of`).toBeUndefined();
      seen.set(description as string, file);
      const title = /<title>([^<]*)<\/title>/.exec(doc)?.[1] ?? '';
      expect(title.match(/Tidende/g)?.length ?? 0, `${file}: ${title}`).toBeLessThanOrEqual(1);
    }
    expect(html.get('en/issues/2021-01/index.html')).toContain('<title>Tidende 2021-01</title>');
  });

  it("carries a Content-Security-Policy allowing only 'self' on every page", () => {
    const policy = contentSecurityPolicy();
    for (const [file, doc] of ownPages()) {
      expect(doc, file).toContain(`<meta http-equiv="Content-Security-Policy" content="${policy}">`);
    }
    for (const [file, doc] of html) {
      expect(doc, file).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'/);
      expect(doc, file).not.toMatch(/unsafe-inline/);
    }
  });

  it('has a skip link, landmarks and headings in order on every page', () => {
    for (const [file, doc] of ownPages()) {
      expect(doc, file).toMatch(/<body><a class="ds-skip-link" href="#main">/);
      for (const landmark of ['<header', '<nav', '<main id="main"', '<footer'])
        expect(doc, file).toContain(landmark);
      const levels = [...doc.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
      expect(levels[0], file).toBe(1);
      expect(
        levels.filter((l) => l === 1),
        file,
      ).toHaveLength(1);
      for (let i = 1; i < levels.length; i++) {
        expect(
          (levels[i] ?? 0) - (levels[i - 1] ?? 0),
          `${file}: h${levels[i - 1]} then h${levels[i]}`,
        ).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives every image an alt text and serves images and tables from the site', () => {
    const issue = html.get('issues/2020-53/index.html') ?? '';
    expect(issue).toContain('<img src="/documents/design/2020/20200999-1.svg" alt="Designvisning: Stol"');
    for (const [file, doc] of ownPages()) {
      for (const img of doc.matchAll(/<img\b[^>]*>/g)) expect(img[0], file).toMatch(/\salt="[^"]+"/);
    }
    const register = html.get('en/trademark/202012345/index.html') ?? '';
    expect(register).toMatch(
      /<caption id="history-caption">Every event for trademark 202012345, oldest first<\/caption>/,
    );
    // Four columns, so that it reads on a phone: date, event, status after it, where published.
    expect(register.match(/<th scope="col"/g)).toHaveLength(4);
  });

  it('makes no request to another host: no URL to another host in any HTML or CSS', async () => {
    // Namespace names are identifiers, never fetched.
    const namespaces = /^https?:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1999\/xlink)$/;
    for (const file of await filesUnder(out)) {
      if (!/\.(html|css)$/.test(file)) continue;
      const text = await read(file);
      for (const [url] of text.matchAll(/https?:\/\/[^\s"'<>)\\]+/g)) {
        if (namespaces.test(url)) continue;
        expect(url.startsWith(`${SITE_URL}/`), `${file}: ${url}`).toBe(true);
      }
      expect(text, file).not.toMatch(/(src|href)="\/\/|url\(["']?\/\//);
    }
  });

  it('links a correction and the entry it corrects both ways, across issues', () => {
    const corrected = html.get('issues/2020-52/index.html') ?? '';
    const correction = html.get('issues/2021-01/index.html') ?? '';
    expect(corrected).toContain('id="event-NO-TM-202012345-0002"');
    expect(corrected).toContain(
      'href="/issues/2021-01/#event-NO-TM-202012345-0003">Rettet ved en kunngjøring i utgave 2021-01<',
    );
    expect(correction).toContain('id="event-NO-TM-202012345-0003"');
    expect(correction).toContain(
      'href="/issues/2020-52/#event-NO-TM-202012345-0002">Retter kunngjøringen i utgave 2020-52<',
    );
    expect(correction).toContain('href="/trademark/202012345/">Registerside for varemerke 202012345<');
  });

  it('says state and stage in words, keeps codes in technical details, marks provisional lists', () => {
    const issue = html.get('en/issues/2021-01/index.html') ?? '';
    expect(issue).toContain(
      '<dt>State </dt><dd>Active</dd></div><div><dt>Stage </dt><dd>Examination → Grant</dd>',
    );
    // The codes and ids in a closed disclosure that the search index leaves out.
    const details = [
      ...issue.matchAll(/<details class="technical-details" data-pagefind-ignore>(.*?)<\/details>/gs),
    ];
    expect(details).toHaveLength(3);
    expect(details[0]?.[1]).toContain('<code>A-2-4-F10-F11-MEDD</code>');
    expect(details[0]?.[1]).toContain('<code>NO-PT-20201234-0003</code>');
    const shownText = issue.replace(/<details.*?<\/details>/gs, '').replace(/<[^>]*>/g, ' ');
    expect(shownText).not.toMatch(/MEDD|NO-PT-20201234-0003|F10/);
    expect(html.get('en/patent/20201234/index.html')).toContain(
      '<details class="technical-details" data-pagefind-ignore>',
    );
    // An event of a provisional list says so where its codes are, and links to the explanation.
    expect(details[1]?.[1]).toContain('Legal status event (ST.61) – provisional code list');
    expect(details[1]?.[1]).toContain('href="/en/about/#code-lists"');
    expect(details[0]?.[1]).not.toContain('provisional');
    expect(html.get('en/about/index.html')).toContain('id="code-lists"');
    // WIPO's English labels in the page language on Norwegian pages.
    const nn = html.get('nn/issues/2021-01/index.html') ?? '';
    expect(nn).toContain('<dd>F10 Rett meddelt</dd>');
    expect(nn).not.toContain('IP right granted');
    expect(issue).toContain('Event DSXQZ');
    expect(issue).toContain('Event code DSXQZ is not mapped to a WIPO legal status event.');
    expect(issue).not.toMatch(/ST\.27 list/);
  });

  it('files the week-53 issue under its ISO year and links issues in order', () => {
    const year = html.get('issues/2020/index.html') ?? '';
    expect(year).toContain('href="/issues/2020-53/"');
    expect(html.get('issues/2021/index.html')).not.toContain('2020-53');
    const week53 = html.get('nn/issues/2020-53/index.html') ?? '';
    expect(week53).toContain('Tidende 2020-53, veke 53 2020');
    expect(week53).toContain('href="/nn/issues/2020-52/" rel="prev"');
    expect(week53).toContain('href="/nn/issues/2021-01/" rel="next"');
  });

  it('shows the latest issue on the home page with links to archive, search and open data', () => {
    const home = html.get('en/index.html') ?? '';
    expect(home).toContain('href="/en/issues/2021-01/">Read issue 2021-01<');
    expect(home).toContain('href="/en/issues/2021-01/#trademark-corrections"');
    for (const path of ['/en/issues/', '/en/search/', '/en/data/']) expect(home).toContain(`href="${path}"`);
  });

  it('renders the editorial pages from Markdown per language', () => {
    expect(html.get('accessibility/index.html')).toContain('<h1>Tilgjengelighetserklæring</h1>');
    expect(html.get('nn/accessibility/index.html')).toContain('<h1>Tilgjengelegheitserklæring</h1>');
    expect(html.get('en/data/index.html')).toContain('href="/schemas/event-record.schema.json"');
  });

  it('writes well-formed Atom feeds of issues and of each section in every language', async () => {
    const feeds = PREFIXES.flatMap((prefix) => [
      `${prefix}feed.xml`,
      ...GAZETTE_SECTIONS.map((section) => `${prefix}feeds/${section}.xml`),
    ]);
    for (const file of feeds) {
      const feed = parseXml(await read(file));
      expect(feed.name, file).toBe('feed');
      expect(feed.attributes.xmlns, file).toBe('http://www.w3.org/2005/Atom');
      const self = childElements(feed, 'link').find((l) => l.attributes.rel === 'self');
      expect(self?.attributes.href, file).toBe(`${SITE_URL}/${file}`);
      for (const entry of [feed, ...childElements(feed, 'entry')]) {
        for (const name of ['id', 'title', 'updated'])
          expect(childElements(entry, name), `${file} ${name}`).toHaveLength(1);
        expect(textOf(childElements(entry, 'updated')[0])).toMatch(
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
        );
      }
      expect(textOf(childElements(childElements(feed, 'author')[0] as XmlElement, 'name')[0]), file).not.toBe(
        '',
      );
    }
    const issues = parseXml(await read('en/feed.xml'));
    expect(childElements(issues, 'entry').map((e) => textOf(childElements(e, 'title')[0]))).toEqual([
      'Tidende 2021-01, week 1 2021',
      'Tidende 2020-53, week 53 2020',
      'Tidende 2020-52, week 52 2020',
    ]);
    expect(childElements(parseXml(await read('feeds/applications.xml')), 'entry')).toHaveLength(1);
  });

  it('writes a sitemap index whose files list every page in every language with alternates', async () => {
    const index = parseXml(await read('sitemap.xml'));
    expect(index.name).toBe('sitemapindex');
    const files = childElements(index, 'sitemap').map((s) => textOf(childElements(s, 'loc')[0]));
    expect(files).toEqual([`${SITE_URL}/sitemaps/pages.xml`, `${SITE_URL}/sitemaps/rights-1.xml`]);
    const locs: string[] = [];
    for (const file of files) {
      const urlset = parseXml(await read(file.slice(SITE_URL.length + 1)));
      for (const url of childElements(urlset, 'url')) {
        locs.push(textOf(childElements(url, 'loc')[0]));
        expect(childElements(url, 'xhtml:link').map((l) => l.attributes.hreflang)).toEqual([
          'nb',
          'nn',
          'en',
          'x-default',
        ]);
      }
    }
    const expected = PREFIXES.flatMap((prefix) => PAGES.map((page) => `${SITE_URL}/${prefix}${page}`));
    expect(locs.filter((loc) => !loc.includes('/search/')).sort()).toEqual(expected.sort());
    expect(await read('robots.txt')).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
  });

  it('renders again only the pages whose data changed', async () => {
    const changed = join(tmp, 'changed-data');
    await cp(FIXTURE_DIR, changed, { recursive: true });
    const rightFile = join(changed, 'rights/trademark/202012345.json');
    const right = JSON.parse(await readFile(rightFile, 'utf8'));
    await writeFile(rightFile, JSON.stringify({ ...right, title: 'ÆRLIG ØL 2', cacheKey: 'changed' }));
    const indexFile = join(changed, 'rights-index.json');
    const index = JSON.parse(await readFile(indexFile, 'utf8')) as {
      applicationNumber: string;
      cacheKey: string;
    }[];
    await writeFile(
      indexFile,
      JSON.stringify(
        index.map((e) => (e.applicationNumber === '202012345' ? { ...e, cacheKey: 'changed' } : e)),
      ),
    );
    const rebuilt = join(tmp, 'rebuilt');
    const { log } = buildSite(changed, rebuilt, cacheDir);
    const restored = [...log.matchAll(/(\S+index\.html) \(restored\)/g)].map((m) => m[1] as string);
    expect(restored.filter((p) => p.includes('/issues/20'))).toHaveLength(9);
    expect(restored.filter((p) => /\/(patent|design)\//.test(p))).toHaveLength(6);
    expect(restored.filter((p) => p.includes('/trademark/'))).toEqual([]);
    expect(await readFile(join(rebuilt, 'en/trademark/202012345/index.html'), 'utf8')).toContain(
      'ÆRLIG ØL 2',
    );
  }, 240_000);
});
