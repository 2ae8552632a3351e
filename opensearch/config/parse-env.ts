import { z } from 'zod';

/** Invalid configuration: the message names every offending variable. Start-up stops on it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
  }
}

/** Parses environment variables with a zod schema whose keys are the variable names. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  // An empty string means "not set", as in docker-compose files with `VAR=` lines.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: issue.path.length ? String(issue.path[0]) : '(environment)',
    // Inside a JSON value, say where: `daily.to.0: Invalid email address`.
    message: issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message,
  }));
  throw new ConfigError(problems);
}

/** Environment booleans: true/false, 1/0, yes/no, on/off. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** A positive integer read from the environment. */
export const envInt = (min = 1, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number({ error: 'expected a number' }).int('expected a whole number').min(min).max(max);

/** A JSON value read from the environment, then checked by `schema`. */
export const envJson = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
