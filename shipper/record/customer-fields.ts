import { safeValue } from './safe-value.ts';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A customer's `id`, `name` and `role` are typed fields; anything else the application gave
 * (`email`, `phone`, …) is returned as `extra` for `details.customer`. A numeric id is an id
 * written as a number and is kept as its text.
 */
export function customerOf(value: unknown): { value: unknown; extra?: Record<string, unknown> } {
  if (value === null) return { value: null };
  const safe = safeValue(value);
  if (!isPlainObject(safe)) return { value: safe };
  const { id, name, role, ...rest } = safe;
  const customer: Record<string, unknown> = {};
  if (id !== undefined) customer.id = typeof id === 'number' && Number.isFinite(id) ? String(id) : id;
  if (name !== undefined) customer.name = name;
  if (role !== undefined) customer.role = role;
  return Object.keys(rest).length > 0 ? { value: customer, extra: rest } : { value: customer };
}
