import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { currentContext } from '../../shipper/index.ts';
import type { AccessLogWriter } from './access-log-writer.ts';

/**
 * What an entry records. Reads of personal data: a search, a record's detail, an export (one
 * entry before its first byte, one after its last), a live tail (one when it opens, one when it
 * ends), a report read, mailed or posted, review coverage, alerts, the access log itself. Changes
 * that decide what is kept: placing and releasing a legal hold.
 */
export type AccessEvent =
  | 'search'
  | 'record.view'
  | 'export.started'
  | 'export.finished'
  | 'tail.started'
  | 'tail.finished'
  | 'report.read'
  | 'report.mail'
  | 'report.webhook'
  | 'coverage.read'
  | 'alerts.read'
  | 'audit.read'
  | 'hold.placed'
  | 'hold.released'
  // Signing in and out, failed credentials and the 429s after them (`query-api/auth/auth-audit.ts`).
  | 'auth.sign_in'
  | 'auth.sign_out'
  | 'auth.sign_in_failed'
  | 'auth.bearer_failed'
  | 'auth.rate_limited';

/** How an export or a live tail ended: every byte sent, the client gone, or the service failing. */
export type AccessOutcome = 'completed' | 'aborted' | 'failed';

/** One access: who read what, with which filters, and how many records it returned. Append-only. */
export interface AccessEntry {
  readonly at: string;
  /** Absent only in entries written before events were recorded. */
  readonly event?: AccessEvent;
  readonly who: string;
  readonly role: string;
  /** The HTTP method; `CLI` for a command, `MAIL` and `POST` for a report sent by the service. */
  readonly method: string;
  /** The route template (`/logs/:id`), or the command (`retention hold`), or the report job. */
  readonly route: string;
  /** The record of a detail view. */
  readonly record_id?: string;
  /** The export (its manifest id) or live tail an entry belongs to: its started and finished entries share it. */
  readonly access_id?: string;
  readonly filters: Record<string, unknown>;
  /** Records (or report rows, or alerts) the answer held; for a finished export or tail, those sent. */
  readonly row_count: number;
  readonly outcome?: AccessOutcome;
  /** A finished export: the bytes sent, and the SHA-256 (hex) of exactly those bytes. */
  readonly bytes?: number;
  readonly sha256?: string;
  /** A mailed or posted report: the addresses it went to, or the webhook's origin (its path may be its secret). */
  readonly recipients?: readonly string[];
  /** A legal hold placed or released: its id and the reason given. */
  readonly hold_id?: string;
  readonly reason?: string;
  /** The trace the access ran in (the caller's `traceparent`, or the active span) and its parent span. */
  readonly trace_id?: string;
  readonly span_id?: string;
}

/** Who accessed: an API caller (role and token fingerprint), a command's user, or a scheduled job. */
export interface Accessor {
  readonly id: string;
  readonly role: string;
}

/** One access as a route describes it; `recordAccess` turns it into an entry. */
export interface Access {
  readonly caller: Accessor;
  readonly event?: AccessEvent;
  readonly method: string;
  readonly route: string;
  readonly filters: Record<string, unknown>;
  readonly rowCount: number;
  readonly recordId?: string;
  readonly accessId?: string;
  readonly outcome?: AccessOutcome;
  readonly bytes?: number;
  readonly sha256?: string;
  readonly recipients?: readonly string[];
  readonly holdId?: string;
  readonly reason?: string;
}

/**
 * Records an access before its answer is sent (to the write-ahead log, or to OpenSearch without
 * one): a read that cannot be recorded fails (503) rather than go unrecorded. The one place where
 * an access's filters become the entry's `filters`.
 */
export async function recordAccess(writer: AccessLogWriter, access: Access): Promise<void> {
  const { trace_id, span_id } = currentContext();
  const entry: AccessEntry = {
    at: new Date().toISOString(),
    ...(access.event ? { event: access.event } : {}),
    who: access.caller.id,
    role: access.caller.role,
    method: access.method,
    route: access.route,
    ...(access.recordId ? { record_id: access.recordId } : {}),
    ...(access.accessId ? { access_id: access.accessId } : {}),
    filters: access.filters,
    row_count: access.rowCount,
    ...(access.outcome ? { outcome: access.outcome } : {}),
    ...(access.bytes !== undefined ? { bytes: access.bytes } : {}),
    ...(access.sha256 ? { sha256: access.sha256 } : {}),
    ...(access.recipients ? { recipients: [...access.recipients] } : {}),
    ...(access.holdId ? { hold_id: access.holdId } : {}),
    ...(access.reason ? { reason: access.reason } : {}),
    ...(trace_id ? { trace_id } : {}),
    ...(span_id ? { span_id } : {}),
  };
  await writer.write(entry);
}

/** Newest accesses first, optionally of one caller, route, event, export/tail or trace, in a time range. */
export async function readAccessLog(
  client: OpenSearchClient,
  names: IndexNames,
  query: {
    who?: string | undefined;
    route?: string | undefined;
    event?: string | undefined;
    access_id?: string | undefined;
    trace_id?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    size: number;
  },
): Promise<AccessEntry[]> {
  const filter: unknown[] = [];
  for (const field of ['who', 'route', 'event', 'access_id', 'trace_id'] as const)
    if (query[field]) filter.push({ term: { [field]: query[field] } });
  if (query.from || query.to)
    filter.push({
      range: {
        at: {
          ...(query.from ? { gte: query.from.toISOString() } : {}),
          ...(query.to ? { lt: query.to.toISOString() } : {}),
        },
      },
    });
  const { body } = await client.search({
    index: names.accessLog,
    body: { size: query.size, query: { bool: { filter } }, sort: [{ at: 'desc' }] },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: AccessEntry }> } }).hits.hits.map((hit) => hit._source);
}
