import { z } from 'zod';
import { capacityInput } from '../opensearch/capacity/capacity-input.ts';
import { capacityTable } from '../opensearch/capacity/capacity-table.ts';
import { recommendLayout } from '../opensearch/capacity/recommend-layout.ts';
import { ConfigError } from '../opensearch/config/parse-env.ts';
import { ownIndices } from '../opensearch/setup/own-indices.ts';
import { serviceConfigFromEnv } from '../query-api/config/service-config.ts';

const recordsPerDaySchema = z.coerce.number().int().positive();

/**
 * `synclog capacity <records-per-day> [--json]`: the capacity model for the configured lifecycle
 * (`SYNCLOG_RETENTION_*`) at the model's defaults, one row per index period (docs/capacity.md).
 */
export function capacityCommand(
  recordsPerDay: string | undefined,
  values: { json?: boolean | undefined },
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): number {
  const parsed = recordsPerDaySchema.safeParse(recordsPerDay?.replaceAll('_', ''));
  if (!parsed.success)
    throw new ConfigError([{ variable: '<records-per-day>', message: 'expected a whole number above 0' }]);
  const { setup } = serviceConfigFromEnv(env);
  const input = capacityInput({
    recordsPerDay: parsed.data,
    period: setup.period,
    lifecycle: setup.lifecycle,
    ownIndices: ownIndices(setup.names).length,
  });
  if (values.json) {
    const { options, recommended } = recommendLayout(input);
    say(JSON.stringify({ recommended: { period: recommended.period, shards: recommended.shards }, options }, null, 2));
    return 0;
  }
  say(capacityTable(input));
  return 0;
}
