/**
 * A small hand-made built site for deploy tests, in two versions a week apart: every kind of file
 * `tidende build` and `tidende data` write (pages, Astro assets, Pagefind bundle, feeds, sitemaps,
 * datasets), a few dozen files in all. Version 2 changes some pages and entry points, adds an
 * issue, a delta and index files, and drops a replaced asset and an old Pagefind meta file.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export type SiteFiles = Map<string, Buffer>;

const page = (lang: string, title: string, body = '') =>
  `<!doctype html><html lang="${lang}"><head><title>${title}</title>` +
  `<link rel="stylesheet" href="/_astro/BaseLayout.css"></head><body><h1>${title}</h1>${body}</body></html>\n`;

const atom = (title: string, entries: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title>` +
  `${entries.map((e) => `<entry><title>${e}</title></entry>`).join('')}</feed>\n`;

const urlset = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
  `${urls.map((u) => `<url><loc>https://tidende.example/${u}</loc></url>`).join('')}</urlset>\n`;

/** Gzip bytes, the same every time for the same input (Node writes no time in the header). */
const gz = (text: string) => gzipSync(Buffer.from(text));
/** Stand-in Parquet: the magic at both ends is what tools look for first. */
const parquet = (text: string) =>
  Buffer.concat([Buffer.from('PAR1'), Buffer.from(text), Buffer.from('PAR1')]);
/** The 8-byte PNG signature and a little more. */
const png = (seed: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, seed + 1]);

/** The files of version 1 or 2 of the site, by path. */
export function siteFiles(version: 1 | 2): SiteFiles {
  const v2 = version === 2;
  const issues = v2 ? ['2024-09', '2024-10'] : ['2024-09'];
  const latest = issues.at(-1) as string;
  const files: Record<string, string | Buffer> = {
    'index.html': page('nb', 'Tidende', `<p>Siste utgave ${latest}</p>`),
    'nn/index.html': page('nn', 'Tidende', `<p>Siste utgåve ${latest}</p>`),
    'en/index.html': page('en', 'Tidende', `<p>Latest issue ${latest}</p>`),
    '404.html': page('nb', 'Fant ikke siden'),
    // Same length in both versions: only its content tells them apart.
    'issues/index.html': page('nb', 'Utgaver', `<p>${latest}</p>`),
    'about/index.html': page('nb', 'Om'),
    'en/about/index.html': page('en', 'About'),
    'patent/20241234/index.html': page('nb', 'Patent 20241234'),
    'trademark/202412345/index.html': page('nb', 'Varemerke 202412345'),
    '_astro/BaseLayout.Dj_6oJVr.css': 'body{margin:0}\n',
    '_astro/SearchPage.HovaK4EO.js': 'export const search = () => {};\n',
    '_astro/inter-latin-wght-normal.Dx4kXJAl.woff2': Buffer.from('wOF2fakefont'),
    '_astro/decoder.B1x2y3z4.wasm': Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    'documents/trademark/2024/202412345-1.png': png(1),
    'documents/trademark/2024/202412345-2.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    'documents/design/2024/20240999-1.webp': Buffer.from('RIFF\0\0\0\0WEBPVP8 '),
    'documents/design/2024/20240999-2.svgz': gz('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'),
    'pagefind/pagefind.js': 'export const pagefind = 1;\n',
    'pagefind/pagefind-worker.js': 'self.onmessage = () => {};\n',
    'pagefind/pagefind-ui.css': '.pagefind-ui{}\n',
    'pagefind/pagefind-entry.json': `{"version":"1.6.0","languages":{"nb":{"hash":"nb_${v2 ? 'def' : 'abc'}","wasm":"nb","page_count":${v2 ? 7 : 6}}}}\n`,
    'pagefind/wasm.nb.pagefind': gz('pagefind_dcd wasm'),
    [`pagefind/pagefind.nb_${v2 ? 'def' : 'abc'}.pf_meta`]: gz(`pagefind_dcd meta ${version}`),
    'pagefind/index/nb_1a2b3c4.pf_index': gz('pagefind_dcd index'),
    'pagefind/fragment/nb_43fab8d.pf_fragment': gz('pagefind_dcd fragment 1'),
    'pagefind/filter/nb_17e3b48.pf_filter': gz('pagefind_dcd filter'),
    'feed.xml': atom('Tidende', issues),
    'nn/feed.xml': atom('Tidende', issues),
    'feeds/applications.xml': atom('Søknader', issues),
    'sitemap.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex/>\n',
    'sitemaps/pages.xml': urlset(issues.map((issue) => `issues/${issue}/`)),
    'robots.txt': 'User-agent: *\nAllow: /\nSitemap: https://tidende.example/sitemap.xml\n',
    'schemas/event-record.schema.json': '{"type":"object"}\n',
    // Same length in both versions.
    'search/numbers/0.json': `{"numbers":{"202400${v2 ? 2 : 1}":"patent/20240001/"}}\n`,
    'search/numbers/manifest.json': '{"bits":0}\n',
    'data/datapackage.json': `{"name":"tidende","version":"${latest}"}\n`,
    'data/catalog.ttl': `<https://tidende.example/data/> a <http://www.w3.org/ns/dcat#Catalog> . # ${latest}\n`,
    'data/catalog.jsonld': `{"@id":"https://tidende.example/data/","version":"${latest}"}\n`,
    'data/snapshot/rights.csv.gz': gz(`application_number,title\n20241234,Week ${latest}\n`),
    'data/snapshot/rights.parquet': parquet(`rights ${latest}`),
    'data/snapshot/patent-legal-status-1.xml': `<?xml version="1.0"?>\n<PatentLegalStatusData>${latest}</PatentLegalStatusData>\n`,
    'data/deltas/2024-09/rights.csv.gz': gz('application_number,title\n20241234,Week 2024-09\n'),
    'data/deltas/2024-09/rights.parquet': parquet('delta 2024-09'),
  };
  if (v2) {
    files['issues/2024-10/index.html'] = page('nb', 'Utgave 2024-10');
    files['nn/issues/2024-10/index.html'] = page('nn', 'Utgåve 2024-10');
    files['en/issues/2024-10/index.html'] = page('en', 'Issue 2024-10');
    files['_astro/BaseLayout.Xk3_9aQz.css'] = 'body{margin:0;padding:0}\n';
    delete files['_astro/BaseLayout.Dj_6oJVr.css'];
    files['pagefind/fragment/nb_9d0c772.pf_fragment'] = gz('pagefind_dcd fragment 2');
    files['data/deltas/2024-10/rights.csv.gz'] = gz('application_number,title\n20241234,Week 2024-10\n');
    files['data/deltas/2024-10/rights.parquet'] = parquet('delta 2024-10');
  }
  return new Map(Object.entries(files).map(([path, content]) => [path, Buffer.from(content)]));
}

/** Writes `files` into the folder `dir`. */
export async function writeSite(dir: string, files: SiteFiles): Promise<void> {
  for (const [path, content] of files) {
    const file = join(dir, ...path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** Every file under `dir` by path, except the deploy's own state under `.tidende/`. */
export async function readFolder(dir: string, options: { withState?: boolean } = {}): Promise<SiteFiles> {
  const files: SiteFiles = new Map();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = full
      .slice(dir.length + 1)
      .split(sep)
      .join('/');
    if (options.withState || !path.startsWith('.tidende/')) files.set(path, await readFile(full));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The paths whose content differs between two versions, and those only in the old one. */
export function siteChanges(from: SiteFiles, to: SiteFiles): { uploads: string[]; deletions: string[] } {
  const uploads = [...to].filter(([path, content]) => !from.get(path)?.equals(content)).map(([path]) => path);
  const deletions = [...from.keys()].filter((path) => !to.has(path));
  return { uploads: uploads.sort(), deletions: deletions.sort() };
}
