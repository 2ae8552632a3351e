import { recordFields } from '../record/fields.ts';
import { errorFingerprint } from '../record/error-fields.ts';
import type { KeyRing } from './hmac-keys.ts';
import { hashingRules, keepsEverything, type PersonalDataPolicy, type PiiAction } from './personal-data-policy.ts';
import { createPass, isObject, type PassRules } from './protection-pass.ts';

export { MASKED } from './protection-pass.ts';

/** The policy applied to what synclog is about to write. Nothing it is given is changed in place. */
export interface PersonalDataProtector {
  readonly policy: PersonalDataPolicy;
  /**
   * An error's message and stack with hidden values replaced, so the error fields of `record`
   * (and `error_fingerprint`) are built from the masked text.
   */
  protectError<E extends { message: string; stack?: string }>(error: E, record: Record<string, unknown>): E;
  /**
   * A record (or a candidate) with the policy applied: its fields, its `details` paths and
   * `invalid` values, and the text patterns plus its own hidden values inside `message`,
   * `error_message`, `error_stack` and every text in `details` and `invalid`. Sets `pii_key_id`
   * when it hashed, and recomputes `error_fingerprint` when the error message changed.
   */
  protectRecord(record: Record<string, unknown>): Record<string, unknown>;
  /**
   * Any JSON document (a log call as the application gave it, a refused record): the record's
   * fields where it has them, the `details` paths under `details` and at the top (where a log
   * call's extra keys sit), and the text patterns in every other text.
   */
  protectDocument(document: unknown): unknown;
  /** Text alone (a cluster's error reason): the text patterns. */
  protectText(text: string): string;
}

export class PersonalDataConfigError extends Error {
  override readonly name = 'PersonalDataConfigError';
}

const CUSTOMER_FIELDS = new Set(['id', 'name', 'role']);

/**
 * The protector of a policy, or `null` for a policy that keeps everything: callers then skip the
 * policy with one branch and allocate nothing. A policy that hashes needs keys; records are
 * hashed under the ring's current key.
 */
export function personalDataProtector(policy: PersonalDataPolicy, keys: KeyRing | null): PersonalDataProtector | null {
  if (keepsEverything(policy)) return null;
  const hashing = hashingRules(policy);
  if (hashing.length > 0 && !keys)
    throw new PersonalDataConfigError(`the policy hashes ${hashing.join(', ')} but no hashing key is configured`);
  const detailRules: Array<[string, PiiAction]> = Object.entries(policy.details).filter(([, a]) => a !== 'keep');
  // At the top of a log call, a details path is an extra key (or a customer's extra field).
  const topLevelRules = detailRules.filter(([path]) => {
    const [head, next] = path.split('.');
    return head === 'customer' ? next !== undefined && !CUSTOMER_FIELDS.has(next) : !(head! in recordFields);
  });
  const key = keys?.current;
  const rules: PassRules = { policy, key, detailRules, topLevelRules };

  return {
    policy,
    protectError(error, record) {
      const pass = createPass(rules);
      const own = pass.ownValues(record, false);
      const message = pass.freeText(error.message, own);
      const stack = error.stack === undefined ? undefined : pass.freeText(error.stack, own);
      if (message === error.message && stack === error.stack) return error;
      return stack === undefined ? { ...error, message } : { ...error, message, stack };
    },
    protectRecord(input) {
      const pass = createPass(rules);
      const own = pass.ownValues(input, false);
      const record = { ...input };
      if (typeof input.message === 'string') record.message = pass.freeText(input.message, own);
      if (typeof input.error_stack === 'string') record.error_stack = pass.freeText(input.error_stack, own);
      if (typeof input.error_message === 'string') {
        const message = pass.freeText(input.error_message, own);
        if (message !== input.error_message) {
          record.error_message = message;
          record.error_fingerprint = errorFingerprint(message);
        }
      }
      pass.ownFields(input, record);
      if (input.details !== undefined)
        record.details = pass.ruled(input.details, pass.tree(input.details, own), detailRules);
      if (isObject(input.invalid)) record.invalid = pass.invalidValues(input.invalid, own);
      if (pass.hashed()) record.pii_key_id = key!.id;
      return record;
    },
    protectDocument(document) {
      const pass = createPass(rules);
      if (!isObject(document)) return pass.tree(document, []);
      const own = pass.ownValues(document, true);
      // A copy even when no text changed: the fields below are set on it.
      const doc = { ...(pass.ruled(document, pass.tree(document, own), topLevelRules) as Record<string, unknown>) };
      pass.ownFields(document, doc);
      if (document.details !== undefined) doc.details = pass.ruled(document.details, doc.details, detailRules);
      if (isObject(document.invalid)) doc.invalid = pass.invalidValues(document.invalid, own);
      if (pass.hashed()) doc.pii_key_id = key!.id;
      return doc;
    },
    protectText: (value) => createPass(rules).freeText(value, []),
  };
}
