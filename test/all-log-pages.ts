import { expect } from 'vitest';
import type { SyncLogRecord } from '../opensearch/record/schema.ts';

/** Every record a `GET /logs` query matches, following `next_cursor` to the end. */
export async function allLogPages(
  get: (path: string) => Response | Promise<Response>,
  query: string,
  size = 500,
): Promise<SyncLogRecord[]> {
  const found: SyncLogRecord[] = [];
  let cursor: string | null = null;
  do {
    const response = await get(`/logs?${query}${query ? '&' : ''}size=${size}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { records: SyncLogRecord[]; next_cursor: string | null };
    found.push(...page.records);
    cursor = page.next_cursor;
  } while (cursor);
  return found;
}
