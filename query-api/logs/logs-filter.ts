import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import { timeRangeClause } from '../../opensearch/shared/time-range.ts';
import type { LogsFilterQuery } from './logs-query-schema.ts';

/** A record is flagged when the shipper noted at least one validation issue on it. */
const FLAGGED = { exists: { field: 'validation_issues' } };

/**
 * The bool query of a `GET /logs` request: filters as terms and a range, free text only through
 * `match`/`term`. Under a personal data policy that hashes, the free text is also looked for as
 * its hash under every configured key.
 */
export function logsFilter(query: LogsFilterQuery, privacy?: SearchPrivacy): Record<string, unknown> {
  const filter: unknown[] = [];
  if (query.operation_type) filter.push({ terms: { operation_type: query.operation_type } });
  if (query.status) filter.push({ terms: { status: query.status } });
  if (query.customer_role) filter.push({ terms: { 'customer.role': query.customer_role } });
  if (query.validation_issue) filter.push({ terms: { validation_issues: query.validation_issue } });
  if (query.flagged !== undefined) filter.push(query.flagged ? FLAGGED : { bool: { must_not: [FLAGGED] } });
  if (query.correlation_id) filter.push({ term: { correlation_id: query.correlation_id } });
  const range = timeRangeClause(query.from, query.to);
  if (range) filter.push(range);
  const must = query.q ? [freeSearch(query.q, privacy)] : [];
  return { bool: { filter, must } };
}

/**
 * User text is matched as values, never parsed as query syntax: exact e-mail (the field is
 * lower-case normalised), 1C id, correlation, trace or operation id, or every word of it in the customer's name or
 * the error message. Records stored before the policy hashed still match their clear values.
 */
function freeSearch(text: string, privacy: SearchPrivacy | undefined): Record<string, unknown> {
  return {
    bool: {
      should: [
        ...(privacy ? privacy.hashedTermClauses(text) : []),
        { term: { customer_email: text } },
        { term: { onec_id: text } },
        { term: { correlation_id: text } },
        // An id pasted from a trace view or a report: every record of that trace or operation.
        { term: { trace_id: text } },
        { term: { operation_id: text } },
        { match: { 'customer.name': { query: text, operator: 'and' } } },
        { match: { error_message: { query: text, operator: 'and' } } },
      ],
      minimum_should_match: 1,
    },
  };
}
