import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { recordAccess } from './access-log.ts';
import { commandAccessLog, commandUser } from './command-access-log.ts';

/** A legal hold placed or released: which hold, what it covers (an index, or a time range), why. */
export interface HoldChange {
  readonly event: 'hold.placed' | 'hold.released';
  readonly holdId: string;
  readonly covers: Readonly<Record<string, string>>;
  readonly reason?: string | undefined;
}

/**
 * Records a hold change a command made, once it is made (a hold that could not be placed is no
 * entry): who (the operating-system user), which hold, what it covers and the reason given. An
 * entry that cannot be written is said, and the command fails: the hold stands, unrecorded, and
 * placing it again records it.
 */
export async function recordHoldChange(
  client: OpenSearchClient,
  names: IndexNames,
  change: HoldChange,
  say: (line: string) => void,
): Promise<boolean> {
  const accessLog = commandAccessLog(client, names);
  try {
    await recordAccess(accessLog, {
      caller: commandUser(),
      event: change.event,
      method: 'CLI',
      route: change.event === 'hold.placed' ? 'retention hold' : 'retention release',
      filters: change.covers,
      rowCount: 0,
      holdId: change.holdId,
      reason: change.reason,
    });
    return true;
  } catch (error) {
    say(`the access log could not record this (${(error as Error).message}): ${change.event} ${change.holdId}`);
    return false;
  } finally {
    await accessLog.close();
  }
}
