#!/usr/bin/env node
// Launcher for the `tidende` bin. The CLI is TypeScript that Node runs by stripping types:
// on by default from Node 22.18, behind a flag on 22.12-22.17, so re-run with the flag there.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `tidende needs Node.js 22.12 or later; this is ${process.version}.\n` +
      "Run it as 'npx tidende' or through an npm script in the project, which use the project's pinned Node.js 24.\n",
  );
  process.exitCode = 1;
} else if (process.features.typescript) {
  const { main } = await import('./cli.ts');
  process.exitCode = await main(process.argv.slice(2));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', self, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exitCode = run.status ?? 1;
}
