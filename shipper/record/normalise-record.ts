import { newEventId } from '../../opensearch/record/event-id.ts';
import { errorFields } from '../../opensearch/record/error-fields.ts';
import { passesQuickCheck } from '../../opensearch/record/record-quick-check.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { liftTypedFields } from '../../opensearch/record/typed-fields.ts';
import type { DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import type { PersonalDataProtector } from '../../opensearch/privacy/personal-data-protector.ts';
import { copyCallFields } from './call-fields.ts';
import { errorOf } from './call-error.ts';
import { eventTimeOutcome, givenEventTime, type EventTimeOutcome } from './event-time-fields.ts';
import { flaggedValues, type FlaggedValues } from './flagged-values.ts';
import { collectDetails } from './record-details.ts';
import { recordEnvelope } from './record-envelope.ts';
import { DEFAULT_RECORD_RULES, type RecordRules } from './record-rules.ts';
import { safeValue } from './safe-value.ts';
import { storableRecord } from './storable-record.ts';

export interface NormaliseContext {
  /** The time of the call, in ms: event time unless the record carries its own. */
  readonly now: number;
  readonly producerId: string;
  readonly producerSeq: number;
  readonly service: { readonly name: string; readonly environment?: string; readonly version?: string };
  /** The event window and vocabularies; default {@link DEFAULT_RECORD_RULES}. */
  readonly rules?: RecordRules;
  /** The personal data policy; absent or `null` (the `keep` policy) leaves every value as given. */
  readonly personalData?: PersonalDataProtector | null;
}

/** Why a log call could not become a stored record at all. */
export type UnstorableCode = Extract<DeadLetterReason, 'validation' | 'event_time_expired'>;

export type Normalised =
  | { readonly ok: true; readonly record: SyncLogRecord }
  | {
      readonly ok: false;
      readonly code: UnstorableCode;
      readonly reason: string;
      readonly raw: string;
      readonly eventId: string;
    };

/**
 * Builds the stored record from one log call. Never throws. What can be stored is stored: a value
 * outside its vocabulary or of the wrong type is moved to `invalid.<field>` and flagged in
 * `validation_issues`; an unusable event time is replaced by the arrival time and kept in
 * `event_time_raw`. Only a record older than the delete horizon, or one that cannot be made
 * storable at all, comes back refused with its reason. The personal data policy is applied to
 * the record before it is checked (and to the error before its fingerprint is computed), and to
 * the log call kept as a refused record's `raw`: nothing leaves here holding what it hides.
 */
export function normaliseRecord(info: Record<string, unknown>, context: NormaliseContext): Normalised {
  const eventId = newEventId(context.now);
  const privacy = context.personalData ?? null;
  try {
    const rules = context.rules ?? DEFAULT_RECORD_RULES;
    const given = givenEventTime(info);
    const time = given === undefined ? NO_TIME_GIVEN : eventTimeOutcome(given, context.now, rules.window);
    if (time.kind === 'expired') {
      return {
        ok: false,
        code: 'event_time_expired',
        reason: `event time ${time.raw} is older than the ${rules.window.deleteDays}-day delete horizon`,
        raw: rawOf(info, privacy),
        eventId,
      };
    }
    const flags = flaggedValues();
    const candidate = buildCandidate(
      info,
      context,
      eventId,
      rules,
      flags,
      time.kind === 'stored' ? time.timestamp : undefined,
      privacy,
    );
    if (time.kind === 'flagged') {
      candidate.event_time_raw = time.raw;
      flags.add('@timestamp', undefined, time.issue);
    }
    flags.applyTo(candidate);
    const record = privacy ? privacy.protectRecord(candidate) : candidate;
    if (passesQuickCheck(record)) return { ok: true, record };
    // The schema's fixes flag values from the clear candidate: the policy applies to their outcome.
    const stored = storableRecord(candidate, context.service, flags);
    if (stored.ok)
      return privacy ? { ok: true, record: privacy.protectRecord(stored.record) as SyncLogRecord } : stored;
    return {
      ok: false,
      code: 'validation',
      reason: `invalid record: ${stored.reason}`,
      raw: rawOf(info, privacy),
      eventId,
    };
  } catch (error) {
    return {
      ok: false,
      code: 'validation',
      reason: `unreadable record: ${(error as Error)?.message ?? String(error)}`,
      raw: rawOf(info, privacy),
      eventId,
    };
  }
}

const NO_TIME_GIVEN: EventTimeOutcome = { kind: 'stored', timestamp: undefined };

/** The record as the call describes it, before it is checked: envelope, typed fields, details, error. */
function buildCandidate(
  info: Record<string, unknown>,
  context: NormaliseContext,
  eventId: string,
  rules: RecordRules,
  flags: FlaggedValues,
  eventTime: string | undefined,
  privacy: PersonalDataProtector | null,
): Record<string, unknown> {
  let details = collectDetails(info);
  const record = recordEnvelope(info, context, eventId, eventTime);
  if (details) Object.assign(record, liftTypedFields(details));
  details = copyCallFields(info, record, rules, flags, details);
  if (details) record.details = details;
  // Every operation counts once: by its id, or as its own operation when it logged none.
  const operationId = record.operation_id;
  if (typeof operationId === 'string' && operationId.length > 0) record.operation_key = operationId;
  else if (info.operation_type !== undefined && info.status !== undefined) record.operation_key = eventId;
  const error = errorOf(info);
  if (error) Object.assign(record, errorFields(privacy ? privacy.protectError(error, record) : error));
  return record;
}

function rawOf(info: Record<string, unknown>, privacy: PersonalDataProtector | null): string {
  try {
    const safe = safeValue(info);
    return JSON.stringify(privacy ? privacy.protectDocument(safe) : safe) ?? '{}';
  } catch {
    return '{"unserialisable":true}';
  }
}
