/** `tidende suppress EVENT_ID --reason TEXT`: takes back an accepted event (see build-data/suppress.ts). */
import { requireWritable, usageError } from '../../src/lib/cli-error.ts';
import { openEventStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { suppressEvent } from '../build-data/suppress.ts';
import type { CommandArgs } from './index.ts';
import { stringOption } from './parse-options.ts';

export async function run(args: CommandArgs): Promise<number> {
  const [eventId, ...rest] = args.positionals;
  if (!eventId || rest.length > 0) usageError('Name exactly one event to suppress: its eventId.', 'suppress');
  const reason = stringOption(args, 'reason')?.trim();
  if (!reason)
    usageError('Say why the event is suppressed: --reason TEXT (it is kept in the store).', 'suppress');
  const storePath = resolveStorePath(stringOption(args, 'store'));
  requireWritable(storePath, 'file');
  const store = await openEventStore(storePath);
  try {
    const done = await suppressEvent(store, eventId, reason);
    const kept = done.lockedIssue
      ? ` Issue ${done.lockedIssue}, already published, keeps it as published.`
      : '';
    const notice = done.noticeIssue
      ? ` Issue ${done.noticeIssue} will carry a withdrawal notice.`
      : ' It had not been published: it is left out with no notice.';
    process.stdout.write(
      `suppress ${eventId}: from the next build it is gone from register pages, search and the open data.${kept}${notice}\n`,
    );
  } finally {
    store.closeSync();
  }
  return 0;
}
