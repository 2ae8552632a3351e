import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { localDayBounds } from './local-day.ts';
import { operationFigures, type OperationFigures } from './operation-figures.ts';

export interface DailySummary extends OperationFigures {
  readonly date: string;
  readonly time_zone: string;
}

/** The daily summary of a local calendar day: its operations, each counted once in its latest state. */
export async function dailySummary(
  client: OpenSearchClient,
  names: IndexNames,
  date: string,
  timeZone: string,
): Promise<DailySummary> {
  const { from, to } = localDayBounds(date, timeZone);
  return { date, time_zone: timeZone, ...(await operationFigures(client, names, from, to)) };
}
