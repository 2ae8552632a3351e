import { z } from 'zod';

/**
 * What synclog does with one kind of personal data before anything is written:
 * - `keep`: stored as given
 * - `mask`: replaced by a fixed token (`[masked]`; `[email]` and `[phone]` inside text)
 * - `hash`: replaced by `hmac:<key id>:<hex>`, HMAC-SHA-256 over the normalised value, so an exact search still finds it
 * - `drop`: left out (inside text: removed)
 */
export const PII_ACTIONS = ['keep', 'mask', 'hash', 'drop'] as const;
export type PiiAction = (typeof PII_ACTIONS)[number];

/** The record's own personal data fields, by their dotted path. */
export const PII_FIELDS = ['customer_email', 'customer.name', 'onec_id'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

/** What is looked for inside free text (`message`, `error_message`, `error_stack`, text in `details` and `invalid`). */
export const TEXT_PATTERNS = ['email', 'phone'] as const;
export type TextPattern = (typeof TEXT_PATTERNS)[number];

export const PRESETS = ['keep', 'strict'] as const;
export type PresetName = (typeof PRESETS)[number];

const action = z.enum(PII_ACTIONS);
/** A dotted path inside `details` (`customer.phone`, `conflict.local_value`); a list on the way applies to each element. */
const detailsPath = z
  .string()
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'expected a dotted path inside details, such as customer.phone')
  .max(256);

/** A policy as written in a JSON file or passed to the transport: what it sets on top of its preset. */
export const policyDefinitionSchema = z.strictObject({
  /** The preset the definition starts from. Default `keep`. */
  extends: z.enum(PRESETS).optional(),
  fields: z
    .strictObject({ customer_email: action.optional(), 'customer.name': action.optional(), onec_id: action.optional() })
    .optional(),
  /** Paths inside `details`, each with its action. */
  details: z.record(detailsPath, action).optional(),
  text: z.strictObject({ email: action.optional(), phone: action.optional() }).optional(),
});
export type PolicyDefinition = z.infer<typeof policyDefinitionSchema>;

/** A policy with every rule settled. */
export interface PersonalDataPolicy {
  /** `keep`, `strict`, or `custom` for a definition. */
  readonly name: PresetName | 'custom';
  readonly fields: Readonly<Record<PiiField, PiiAction>>;
  readonly details: Readonly<Record<string, PiiAction>>;
  readonly text: Readonly<Record<TextPattern, PiiAction>>;
}

const KEEP: PersonalDataPolicy = {
  name: 'keep',
  fields: { customer_email: 'keep', 'customer.name': 'keep', onec_id: 'keep' },
  details: {},
  text: { email: 'keep', phone: 'keep' },
};

/**
 * E-mail hashed (an exact search still finds it), customer name masked, e-mails and phones inside
 * text masked, 1C ids kept. A customer's other contact fields (`details.customer.*`) follow suit.
 * The two sides of a conflict, the old and new values of synced changes and 1C's answer to an
 * export are masked whole: they may hold any of a customer's fields (a name, an address, a passport number) that no text pattern recognises.
 * The names of the fields in conflict or changed, and 1C's status code, are kept.
 */
const STRICT: PersonalDataPolicy = {
  name: 'strict',
  fields: { customer_email: 'hash', 'customer.name': 'mask', onec_id: 'keep' },
  details: {
    'customer.email': 'hash',
    'customer.phone': 'mask',
    'conflict.local_value': 'mask',
    'conflict.remote_value': 'mask',
    'conflict.fields.local_value': 'mask',
    'conflict.fields.remote_value': 'mask',
    'onec_response.body': 'mask',
    'changes.fields.from': 'mask',
    'changes.fields.to': 'mask',
  },
  text: { email: 'mask', phone: 'mask' },
};

export const PERSONAL_DATA_PRESETS: Readonly<Record<PresetName, PersonalDataPolicy>> = { keep: KEEP, strict: STRICT };

/** The policy a preset name or a definition stands for. */
export function resolvePolicy(input: PresetName | PolicyDefinition): PersonalDataPolicy {
  if (typeof input === 'string') return PERSONAL_DATA_PRESETS[input];
  const base = PERSONAL_DATA_PRESETS[input.extends ?? 'keep'];
  return {
    name: 'custom',
    fields: { ...base.fields, ...definedOnly(input.fields) },
    details: { ...base.details, ...input.details },
    text: { ...base.text, ...definedOnly(input.text) },
  };
}

/** True when the policy changes nothing: the record path then skips it with one branch. */
export function keepsEverything(policy: PersonalDataPolicy): boolean {
  return (
    Object.values(policy.fields).every((a) => a === 'keep') &&
    Object.values(policy.details).every((a) => a === 'keep') &&
    Object.values(policy.text).every((a) => a === 'keep')
  );
}

/** The rules that hash, by name (`customer_email`, `details.customer.email`, `text.email`): each needs a key. */
export function hashingRules(policy: PersonalDataPolicy): string[] {
  return [
    ...Object.entries(policy.fields)
      .filter(([, a]) => a === 'hash')
      .map(([f]) => f),
    ...Object.entries(policy.details)
      .filter(([, a]) => a === 'hash')
      .map(([p]) => `details.${p}`),
    ...Object.entries(policy.text)
      .filter(([, a]) => a === 'hash')
      .map(([p]) => `text.${p}`),
  ];
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
