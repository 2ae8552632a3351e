/** The label for errors whose class is not admitted: unreadable, badly named, or past the limit. */
export const OTHER_ERROR_CLASS = 'other';
/** The label for an error record that carries no thrown value (a failed validation, say). */
export const NO_ERROR_CLASS = 'none';

/** Default 50 distinct classes per metrics instance. */
export const DEFAULT_MAX_ERROR_CLASSES = 50;

// A class name, not a message: messages carry ids and e-mails, which must never become label values.
const CLASS_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

export interface ErrorClassifier {
  /** The bounded `error_class` label for `error`. */
  classOf(error: unknown): string;
}

/**
 * Labels errors by constructor name. The first `maxClasses` names seen are admitted for the life of
 * the process; later new names count as `other`, so a library that makes a class per call (or
 * minified names) cannot grow the series without bound.
 */
export function createErrorClassifier(maxClasses = DEFAULT_MAX_ERROR_CLASSES): ErrorClassifier {
  const admitted = new Set<string>();

  function classOf(error: unknown): string {
    if (error === undefined || error === null) return NO_ERROR_CLASS;
    const name = constructorName(error);
    if (name === undefined || !CLASS_NAME.test(name)) return OTHER_ERROR_CLASS;
    if (admitted.has(name)) return name;
    if (admitted.size >= maxClasses) return OTHER_ERROR_CLASS;
    admitted.add(name);
    return name;
  }

  return { classOf };
}

function constructorName(error: unknown): string | undefined {
  if (typeof error !== 'object') return typeof error === 'string' ? 'String' : undefined;
  try {
    const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    // A proxy or a getter that throws: nothing trustworthy to label with.
    return undefined;
  }
}
