/**
 * Which records count as operations, for every consumer that counts them (reports, alert rules):
 * an operation is counted by `operation_key` (its `operation_id`, or the record's own event id
 * when an operation record logged no id), so a plain `logger.info(msg, { operation_type, status })`
 * is an operation of its own.
 */

/** A record of an operation, in any state. */
export const operationRecord = { exists: { field: 'operation_key' } } as const;

/** Issue codes that mean a status was logged but refused by the vocabulary (the record still ended its operation). */
const STATUS_REFUSED = ['status_unknown', 'status_invalid'];

/**
 * An operation's outcome: an operation record whose logged status is not `pending`, including a
 * status the vocabulary refused (flagged, absent from `status`). A record that shares an id but
 * logged no status at all (a progress line) is not an outcome.
 */
export const outcomeRecord = {
  bool: {
    filter: [
      operationRecord,
      {
        bool: {
          should: [{ exists: { field: 'status' } }, { terms: { validation_issues: STATUS_REFUSED } }],
          minimum_should_match: 1,
        },
      },
    ],
    must_not: [{ term: { status: 'pending' } }],
  },
} as const;

/** The start of an operation that may or may not have logged its outcome. */
export const pendingRecord = { bool: { filter: [operationRecord, { term: { status: 'pending' } }] } } as const;

/** A record the shipper stored with a refused value (left out of its typed field). */
export const flaggedRecord = { exists: { field: 'validation_issues' } } as const;
