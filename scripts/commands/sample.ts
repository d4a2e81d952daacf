/** `tidende sample`: writes a deterministic NIPO-like extract and its document images. */
import { requireWritable, usageError } from '../../src/lib/cli-error.ts';
import { IsoDateSchema } from '../../src/lib/event-record.ts';
import { startProgress } from '../../src/lib/progress.ts';
import { writeSample } from '../sample-data/generate-sample.ts';
import type { CommandArgs } from './index.ts';
import { integerOption, stringOption } from './parse-options.ts';

export async function run(args: CommandArgs): Promise<number> {
  const out = stringOption(args, 'out');
  if (!out) usageError('Say where to write the extract: --out FILE.', 'sample');
  const rights = integerOption(args, 'rights', 'sample', 2000, 1, 10_000_000);
  const seed = integerOption(args, 'seed', 'sample', 1, 0, 2 ** 32 - 1);
  const until = stringOption(args, 'until') ?? '2026-11-16';
  if (!IsoDateSchema.safeParse(until).success)
    usageError(`--until must be a date as YYYY-MM-DD; got '${until}'.`, 'sample');
  requireWritable(out, 'file');
  const asJson = Boolean(args.values.json);
  const progress = startProgress({ label: `sample ${out}`, unit: 'events', quiet: asJson });
  const summary = await writeSample({
    rights,
    seed,
    until,
    out,
    onProgress: (events) => progress.update(events, undefined),
  });
  progress.finish();
  process.stdout.write(
    asJson
      ? `${JSON.stringify({ out, ...summary }, null, 2)}\n`
      : `sample ${out}: ${summary.rights} rights, ${summary.events} events, ${summary.documents} documents, ${summary.bytes} bytes\n`,
  );
  return 0;
}
