import { z } from 'zod';
import { LOCALES, isLocale, type Locale } from '../../../opensearch/i18n/locale.ts';

/** A report target with the language its mail or payload is worded in. */
export interface TargetInLanguage {
  /** The address or URL, without its language prefix. */
  readonly target: string;
  readonly locale: Locale;
}

const PREFIX = /^([A-Za-z]{2}):(?!\/\/)/;

/**
 * A configured target, `ru:admin@example.ru` or `ru:https://hooks.example.com/r`, split into its
 * language and the target; a target without a prefix is in `fallback` (`SYNCLOG_REPORT_LANGUAGE`).
 * A prefix that is no language of ours is refused when the configuration is read.
 */
export function targetInLanguage(configured: string, fallback: Locale): TargetInLanguage {
  const match = PREFIX.exec(configured);
  const prefix = match?.[1]?.toLowerCase();
  return isLocale(prefix)
    ? { target: configured.slice(match![0].length), locale: prefix }
    : { target: configured, locale: fallback };
}

/**
 * A target of `schema` (an address, a URL) with an optional language prefix (`ru:`, `en:`): the
 * configured string is kept as given; an unknown language or a bad target is an issue at its place.
 */
export function inLanguage(schema: z.ZodType<string>) {
  return z.string().superRefine((value, ctx) => {
    const prefix = PREFIX.exec(value)?.[1];
    if (prefix !== undefined && !isLocale(prefix.toLowerCase())) {
      ctx.addIssue({ code: 'custom', message: `unknown language "${prefix}:" (expected ${LOCALES.join(' or ')})` });
      return;
    }
    const target = prefix === undefined ? value : value.slice(prefix.length + 1);
    const checked = schema.safeParse(target);
    for (const issue of checked.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message });
  });
}
