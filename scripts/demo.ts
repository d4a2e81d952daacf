/**
 * `npm start`: the main job on the bundled demo data. Generates the demo extract, ingests it
 * into the default store, maps it to the WIPO standards, prints what the store holds, builds the
 * gazette site into dist/ and serves it on localhost (PORT, default 4321) until Ctrl-C. The site
 * is built for the address it is served at, so that canonical and hreflang links, feeds, the
 * sitemap and the data catalog all point there (TIDENDE_SITE_URL, when set, wins).
 */
import { main } from './cli.ts';

const DEMO_EXTRACT = '.tidende/demo/events.ndjson';

async function step(args: string[]): Promise<void> {
  process.stdout.write(`\n$ tidende ${args.join(' ')}\n`);
  const code = await main(args);
  if (code !== 0) {
    process.stderr.write(`\nThe demo stopped: 'tidende ${args.join(' ')}' exited with ${code}.\n`);
    process.exit(code);
  }
}

await step(['sample', '--rights', '2000', '--seed', '1', '--out', DEMO_EXTRACT]);
await step(['ingest', DEMO_EXTRACT]);
await step(['mappings', 'check']);
await step(['stats']);
const port = process.env.PORT ?? '4321';
await step([
  'build',
  '--out',
  'dist',
  '--site-url',
  process.env.TIDENDE_SITE_URL ?? `http://localhost:${port}`,
]);
process.stdout.write(
  '\nThe event store is .tidende/store.duckdb; `npx tidende --help` lists what else there is.\n',
);
await step(['serve', 'dist', '--port', port]);
