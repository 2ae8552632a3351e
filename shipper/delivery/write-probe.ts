import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';

export type ProbeResult = { readonly up: true } | { readonly up: false; readonly reason: string };

const PROBE_ID = 'synclog-write-probe';

/**
 * Asks the cluster's write path, not `GET /`, whether it is back: a `_bulk` holding one `delete`
 * of a document that never exists in synclog's meta index. A delete never creates an index and
 * never writes a document; any per-item answer (`not_found`, `index_not_found`, a block) proves
 * that bulk requests are parsed, routed and answered. No answer, or a 5xx, keeps the outage.
 */
export async function probeWritePath(
  client: OpenSearchClient,
  metaIndex: string,
  requestTimeoutMs: number,
): Promise<ProbeResult> {
  try {
    const { body } = await client.bulk(
      {
        body: `${JSON.stringify({ delete: { _index: metaIndex, _id: PROBE_ID } })}\n`,
        filter_path: 'items.*.status,items.*.error.type',
      } as never,
      { requestTimeout: requestTimeoutMs },
    );
    const items = (body as { items?: Array<{ delete?: { status?: number; error?: { type?: string } } }> }).items ?? [];
    const status = items[0]?.delete?.status;
    if (status === undefined) return { up: false, reason: 'the write probe got no item answer' };
    if (status >= 500)
      return { up: false, reason: `the write probe answered ${status} ${items[0]?.delete?.error?.type ?? ''}`.trim() };
    return { up: true };
  } catch (error) {
    const { status, reason } = errorStatus(error);
    // A whole-request 4xx (429 included) is an answer from a working write path.
    if (status !== undefined && status < 500) return { up: true };
    return { up: false, reason: status === undefined ? reason : `the write probe answered HTTP ${status}: ${reason}` };
  }
}
