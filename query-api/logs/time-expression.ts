const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** An ISO date(-time), or `now` with an optional `-N` / `+N` in m, h, d or w; `null` when unreadable. */
export function parseTimeExpression(text: string, now: Date): Date | null {
  const relative = /^now(?:([+-])(\d{1,6})([mhdw]))?$/.exec(text.trim());
  if (relative) {
    const [, sign, amount, unit] = relative;
    if (!sign) return new Date(now);
    const offset = Number(amount) * UNITS[unit!]!;
    return new Date(now.getTime() + (sign === '-' ? -offset : offset));
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}
