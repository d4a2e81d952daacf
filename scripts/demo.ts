/**
 * `npm start`: the main job on the bundled demo data. Generates the demo extract, ingests it
 * into the default store, maps it to the WIPO standards and prints what the store holds. Run
 * again, it changes nothing.
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
process.stdout.write(
  '\nThe event store is .tidende/store.duckdb. Open it with DuckDB, or run `npx tidende --help` for more.\n',
);
