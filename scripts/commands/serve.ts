/** `tidende serve DIR [--port N]`: serves a built site on localhost until stopped (Ctrl-C). */
import { stat } from 'node:fs/promises';
import { CliError, usageError } from '../../src/lib/cli-error.ts';
import { start } from '../../src/lib/site/static-server.ts';
import type { CommandArgs } from './index.ts';
import { integerOption } from './parse-options.ts';

/** The port when --port is not given; the one Astro's own tools use. */
export const DEFAULT_PORT = 4321;

export async function run(args: CommandArgs): Promise<number> {
  const [dir] = args.positionals;
  if (!dir) usageError('Name the folder of a built site: tidende serve DIR.', 'serve');
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory())
    throw new CliError(`No built site at ${dir}. Build one first: tidende build --out ${dir}`);
  const port = integerOption(args, 'port', 'serve', DEFAULT_PORT, 0, 65_535);
  const server = await start(dir, port).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot serve on port ${port}: ${error.code ?? error.message}. Try another --port.`, {
      cause: error,
    });
  });
  process.stdout.write(`Serving ${dir} at ${server.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
