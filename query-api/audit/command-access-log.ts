import { userInfo } from 'node:os';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Accessor } from './access-log.ts';
import { createAccessLogWriter, type AccessLogWriter } from './access-log-writer.ts';

/**
 * The access log of one command run (`synclog retention hold`, `synclog report --email`,
 * `synclog schedule run`): each entry is indexed before `write` resolves, with no write-ahead log,
 * so a command whose entry cannot be kept fails and says so. Close it when the command ends.
 */
export function commandAccessLog(client: OpenSearchClient, names: IndexNames): AccessLogWriter {
  return createAccessLogWriter({ client, names, walDir: null, producerId: `access-cli-${process.pid}` });
}

/** The operating-system user running a command, as the access log names them. */
export const commandUser = (): Accessor => ({ id: `cli:${userInfo().username}`, role: 'cli' });
