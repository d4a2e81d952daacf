/**
 * Builds the site with Astro, as `tidende build` does, in a process of its own (Astro's build
 * and vitest each run Vite): `node test/site/run-astro-build.ts OUT_DIR CACHE_DIR`. The site data
 * folder and site URL come from TIDENDE_SITE_DATA and TIDENDE_SITE_URL.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'astro';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) {
  process.stderr.write('usage: node test/site/run-astro-build.ts OUT_DIR CACHE_DIR\n');
  process.exit(2);
}
await build({ root: fileURLToPath(new URL('../..', import.meta.url)), outDir, cacheDir, logLevel: 'info' });
