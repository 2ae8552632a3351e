import type { Contender } from './contender-types.ts';
import { helpersBulk } from './helpers-bulk.ts';
import { pinoOpenSearch } from './pino-opensearch.ts';
import { rawLoader } from './raw-loader.ts';
import { rawSerialising } from './raw-serialising.ts';
import { synclog } from './synclog.ts';
import { winstonNoop } from './winston-noop.ts';
import { winstonOpenSearch } from './winston-opensearch.ts';

export type { Contender, ContenderContext, ContenderStats } from './contender-types.ts';

/** Every contender by the name the runner and `contender.ts` use. */
export const CONTENDERS: Readonly<Record<string, Contender>> = {
  raw: rawLoader,
  'raw-serialising': rawSerialising,
  'helpers-bulk': helpersBulk,
  synclog: synclog as Contender,
  'winston-noop': winstonNoop as Contender,
  'winston-opensearch': winstonOpenSearch as Contender,
  'pino-opensearch': pinoOpenSearch('defaults') as Contender,
  'pino-opensearch-workaround': pinoOpenSearch('workaround') as Contender,
};
