import { HASHED, hashValue, type HmacKey } from './hmac-keys.ts';
import type { PersonalDataPolicy, PiiAction } from './personal-data-policy.ts';
import { phoneDigits, replaceEmails, replacePhones } from './text-patterns.ts';

/** What a masked field holds; inside text, `[email]` and `[phone]` stand for what was there. */
export const MASKED = '[masked]';
const TEXT_MASK = { email: '[email]', phone: '[phone]' } as const;

/** The record's own hidden values, longest first, with the action that replaces each inside text. */
export type Own = ReadonlyArray<readonly [clear: string, action: PiiAction]>;
type Doc = Record<string, unknown>;

/** A policy's rules as one pass applies them. */
export interface PassRules {
  readonly policy: PersonalDataPolicy;
  /** The key records are hashed under; present whenever the policy hashes. */
  readonly key: HmacKey | undefined;
  /** The `details` rules that change something, by path. */
  readonly detailRules: ReadonlyArray<[string, PiiAction]>;
  /** Those of them that also apply at the top of a log call (its extra keys, a customer's extra fields). */
  readonly topLevelRules: ReadonlyArray<[string, PiiAction]>;
}

/**
 * The policy applied to one record or document: the building blocks, and whether anything was
 * hashed (the record then names the key). Nothing given to it is changed in place.
 */
export function createPass({ policy, key, detailRules, topLevelRules }: PassRules) {
  const { fields, text } = policy;

  let hashed = false;
  // A record's e-mail is hashed for its field and again wherever its text repeats it: once.
  const memo = new Map<string, string>();
  const hash = (value: string) => {
    hashed = true;
    let out = memo.get(value);
    if (out === undefined) memo.set(value, (out = hashValue(key!, value)));
    return out;
  };
  const apply = (action: PiiAction, value: unknown): unknown => {
    if (action === 'keep' || value === undefined || value === null) return value;
    if (action === 'drop') return undefined;
    if (action === 'mask') return MASKED;
    return hash(typeof value === 'string' ? value : JSON.stringify(value));
  };
  const patterns = (value: string): string => {
    let out = value;
    if (text.email !== 'keep' && out.includes('@'))
      out = replaceEmails(out, (m) => (text.email === 'hash' ? hash(m) : text.email === 'drop' ? '' : TEXT_MASK.email));
    if (text.phone !== 'keep')
      out = replacePhones(out, (m) =>
        text.phone === 'hash' ? hash(phoneDigits(m)) : text.phone === 'drop' ? '' : TEXT_MASK.phone,
      );
    return out;
  };
  const freeText = (value: string, own: Own): string => {
    let out = value;
    for (const [clear, action] of own)
      if (out.includes(clear))
        out = out.replaceAll(clear, action === 'drop' ? '' : action === 'mask' ? MASKED : hash(clear));
    return patterns(out);
  };
  /** The document's own hidden values, longest first, each with what replaces it inside text. */
  const ownValues = (doc: Doc, topLevel: boolean): Own => {
    const own: Array<[string, PiiAction]> = [];
    const add = (action: PiiAction, value: unknown) => {
      if (action === 'keep' || typeof value !== 'string' || value.trim().length < 2) return;
      if (value === MASKED || HASHED.test(value)) return;
      own.push([value, action]);
    };
    add(fields.customer_email, doc.customer_email);
    add(fields.onec_id, doc.onec_id);
    add(fields['customer.name'], isObject(doc.customer) ? doc.customer.name : doc.customer);
    for (const [path, action] of detailRules) for (const value of valuesAt(doc.details, path)) add(action, value);
    if (topLevel)
      for (const [path, action] of topLevelRules) for (const value of valuesAt(doc, path)) add(action, value);
    return own.sort((a, b) => b[0].length - a[0].length);
  };
  /** Every text inside `value` through `freeText`; copied only where something changed. */
  const tree = (value: unknown, own: Own): unknown => {
    if (typeof value === 'string') return freeText(value, own);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = tree(value[i], own);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    if (isObject(value)) {
      let copy: Doc | undefined;
      for (const k in value) {
        const next = tree(value[k], own);
        if (next !== value[k]) (copy ??= { ...value })[k] = next;
      }
      return copy ?? value;
    }
    return value;
  };
  /** `rebuilt` with each rule's action applied to the original value at its path. */
  const ruled = (original: unknown, rebuilt: unknown, rules: ReadonlyArray<[string, PiiAction]>): unknown => {
    let out = rebuilt;
    for (const [path, action] of rules) out = replaceAt(out, original, path, (clear) => apply(action, clear));
    return out;
  };
  /** The record's own fields of `original` applied onto `doc` (a copy). */
  const ownFields = (original: Doc, doc: Doc) => {
    for (const field of ['customer_email', 'onec_id'] as const) {
      if (original[field] === undefined) continue;
      const value = apply(fields[field], original[field]);
      if (value === undefined) delete doc[field];
      else doc[field] = value;
    }
    const customer = original.customer;
    if (isObject(customer) && customer.name !== undefined && fields['customer.name'] !== 'keep') {
      const copy = { ...(doc.customer as Doc) };
      const name = apply(fields['customer.name'], customer.name);
      if (name === undefined) delete copy.name;
      else copy.name = name;
      doc.customer = copy;
    } else if (typeof customer === 'string') {
      // A customer given as text instead of an object is taken for its name.
      doc.customer = apply(fields['customer.name'], customer) ?? MASKED;
    }
  };
  const invalidValues = (invalid: Doc, own: Own): Doc => {
    const out: Doc = {};
    for (const [name, value] of Object.entries(invalid)) {
      const action = name === 'customer' ? fields['customer.name'] : fields[name as keyof typeof fields];
      const next = action !== undefined && action !== 'keep' ? apply(action, value) : tree(value, own);
      if (next !== undefined) out[name] = next;
    }
    return out;
  };
  return { hashed: () => hashed, freeText, ownValues, tree, ruled, ownFields, invalidValues };
}

export const isObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every value at a dotted path. An array on the way is crossed, each element in turn, so one
 * rule covers a list of objects (`conflict.fields.local_value`).
 */
function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      if (Array.isArray(item)) {
        for (const element of item) if (isObject(element) && element[part] !== undefined) next.push(element[part]);
      } else if (isObject(item) && item[part] !== undefined) next.push(item[part]);
    }
    current = next;
  }
  return current;
}

/**
 * A copy of `rebuilt` with each leaf at `path` replaced by `update` of the same leaf in `original`
 * (removed when `update` gives undefined); unchanged where `original` has none. `rebuilt` is
 * `original` with texts changed, so the two have the same shape; arrays are crossed element by element.
 */
function replaceAt(rebuilt: unknown, original: unknown, path: string, update: (clear: unknown) => unknown): unknown {
  if (Array.isArray(rebuilt) && Array.isArray(original)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < rebuilt.length; i++) {
      const next = replaceAt(rebuilt[i], original[i], path, update);
      if (next !== rebuilt[i]) (copy ??= rebuilt.slice())[i] = next;
    }
    return copy ?? rebuilt;
  }
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  if (!isObject(rebuilt) || !isObject(original) || !(head in rebuilt) || original[head] === undefined) return rebuilt;
  const copy = { ...rebuilt };
  if (dot < 0) {
    const next = update(original[head]);
    if (next === undefined) delete copy[head];
    else copy[head] = next;
  } else {
    copy[head] = replaceAt(rebuilt[head], original[head], path.slice(dot + 1), update);
  }
  return copy;
}
