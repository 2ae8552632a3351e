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
  // safeValue made a copy: it is changed in place, and the common case (no extra keys) allocates nothing more.
  const customer = safe as Record<string, unknown>;
  let extra: Record<string, unknown> | undefined;
  for (const key in customer) {
    if (TYPED.has(key)) continue;
    (extra ??= {})[key] = customer[key];
    delete customer[key];
  }
  if (typeof customer.id === 'number' && Number.isFinite(customer.id)) customer.id = String(customer.id);
  return extra ? { value: customer, extra } : { value: customer };
}
