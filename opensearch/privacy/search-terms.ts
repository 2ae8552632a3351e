import { hashValue, type KeyRing } from './hmac-keys.ts';
import { MASKED, personalDataProtector } from './personal-data-protector.ts';
import {
  PERSONAL_DATA_PRESETS,
  type PersonalDataPolicy,
  type PiiAction,
  type PiiField,
} from './personal-data-policy.ts';
import { replaceEmails } from './text-patterns.ts';

/** Where a free-text search looks for an exact value of each field. */
const EXACT_FIELD: Readonly<Record<PiiField, string>> = {
  customer_email: 'customer_email',
  onec_id: 'onec_id',
  'customer.name': 'customer.name.keyword',
};

/** The service's side of the policy: search terms hashed as records are, and search filters kept as the policy says. */
export interface SearchPrivacy {
  readonly policy: PersonalDataPolicy;
  /**
   * Clauses that find a free-text term in the fields the policy hashes: `terms` over the term's
   * hash under every configured key, so records hashed before a key rotation are found too.
   * Empty when the policy hashes no searched field.
   */
  hashedTermClauses(term: string): Array<Record<string, unknown>>;
  /**
   * Search filters as the access log and export manifests keep them: a free-text `q` that is an
   * e-mail address as `customer_email` is stored (hashed under the current key under `strict`,
   * so an auditor holding the key finds who searched for a customer), any other `q` as the
   * customer name is stored when the policy hides names or 1C ids, and the text patterns in
   * every other value. The same object when the policy keeps everything.
   */
  protectFilters(filters: Record<string, unknown>): Record<string, unknown>;
}

/** The search side of a policy; `keys` are every key still configured, the current one first. */
export function searchPrivacy(policy: PersonalDataPolicy, keys: KeyRing | null): SearchPrivacy {
  const protector = personalDataProtector(policy, keys);
  const hashedFields = (Object.keys(EXACT_FIELD) as PiiField[]).filter((f) => policy.fields[f] === 'hash');
  const allKeys = keys?.all ?? [];
  const actionOn = (action: PiiAction, term: string): string =>
    action === 'hash' ? hashValue(keys!.current, term) : action === 'keep' ? term : MASKED;

  function protectTerm(term: string): string {
    if (!protector) return term;
    if (replaceEmails(term.trim(), () => '') === '') return actionOn(policy.fields.customer_email, term);
    const hidden = [policy.fields['customer.name'], policy.fields.onec_id].filter((a) => a !== 'keep');
    if (hidden.length > 0) return actionOn(hidden.every((a) => a === 'hash') ? 'hash' : 'mask', term);
    return protector.protectText(term);
  }

  const protectValue = (key: string, value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((v) => protectValue(key, v));
    if (typeof value !== 'string') return value;
    return key === 'q' ? protectTerm(value) : protector!.protectText(value);
  };

  return {
    policy,
    hashedTermClauses(term) {
      if (hashedFields.length === 0 || allKeys.length === 0) return [];
      const hashes = [...new Set(allKeys.map((k) => hashValue(k, term)))];
      return hashedFields.map((f) => ({ terms: { [EXACT_FIELD[f]]: hashes } }));
    },
    protectFilters(filters) {
      if (!protector) return filters;
      return Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, protectValue(k, v)]));
    },
  };
}

/** The search side of `keep`: no clause added, filters kept as given. */
export const KEEP_SEARCH: SearchPrivacy = searchPrivacy(PERSONAL_DATA_PRESETS.keep, null);
