import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';

/** The index's `refresh_interval` as set (by setup's template) or defaulted, in ms; NaN when refresh is off. */
export async function refreshIntervalMs(client: OpenSearchClient, index: string): Promise<number> {
  const { body } = await client.indices.getSettings({ index, include_defaults: true, flat_settings: true } as never);
  const entry = (body as Record<string, { settings?: Record<string, string>; defaults?: Record<string, string> }>)[
    index
  ];
  const value = entry?.settings?.['index.refresh_interval'] ?? entry?.defaults?.['index.refresh_interval'] ?? '';
  return parseTimeValue(value);
}

const UNITS: Readonly<Record<string, number>> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** OpenSearch time values: "1s", "500ms", "2m"; "-1" (off) and anything else give NaN. */
export function parseTimeValue(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(nanos|micros|ms|s|m|h)$/.exec(value.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : NaN;
}
