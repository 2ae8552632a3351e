import { safeValue } from './safe-value.ts';

const TYPED = new Set(['id', 'name', 'role']);

/**
 * A customer's `id`, `name` and `role` are typed fields; anything else the application gave
 * (`email`, `phone`, …) is returned as `extra` for `details.customer`. A numeric id is an id
 * written as a number and is kept as its text.
 */
export function customerOf(value: unknown): { value: unknown; extra?: Record<string, unknown> } {
  if (value === null) return { value: null };
  const safe = safeValue(value);
  if (typeof safe !== 'object' || safe === null || Array.isArray(safe)) return { value: safe };
  // safeValue hands plain JSON back uncopied: the application's object is never changed, and the
  // common case (typed keys only, a text id) allocates nothing.
  let customer = safe as Record<string, unknown>;
  let extra: Record<string, unknown> | undefined;
  for (const key in customer) {
    if (!TYPED.has(key)) (extra ??= {})[key] = customer[key];
  }
  if (extra) customer = Object.fromEntries(Object.entries(customer).filter(([key]) => TYPED.has(key)));
  if (typeof customer.id === 'number' && Number.isFinite(customer.id))
    customer = { ...customer, id: String(customer.id) };
  return extra ? { value: customer, extra } : { value: customer };
}
