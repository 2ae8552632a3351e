import type { OperationType } from '../../opensearch/record/vocabulary.ts';
import type { SeededRandom } from './seeded-random.ts';

/** What an application passes to `errorFields`. */
export interface GeneratedError {
  message: string;
  type: string;
  stack: string;
}

/** What an error message may mention about the operation that failed. */
export interface ErrorContext {
  operationType: OperationType;
  customerId: string | undefined;
  onecId: string | undefined;
}

interface Template {
  type: string;
  weight: number;
  message(random: SeededRandom, context: ErrorContext): string;
}

const customerOf = (context: ErrorContext) => context.customerId ?? 'unknown';

/**
 * The errors seen in production repeat with different ids and numbers in them: each template
 * here is one fingerprint group, so "top errors" reports have a few large groups to find.
 */
const TEMPLATES: readonly Template[] = [
  {
    type: 'NotFoundError',
    weight: 30,
    message: (r, c) => `Customer ${c.onecId?.replace(/\D/g, '') || r.int(1_000, 99_999)} not found in 1C`,
  },
  {
    type: 'TimeoutError',
    weight: 20,
    message: (r) => `Timeout after ${r.pick([5_000, 10_000, 30_000])} ms waiting for 1C HTTP service`,
  },
  {
    type: 'DuplicateError',
    weight: 12,
    message: (r) => `Контрагент с ИНН ${r.faker.string.numeric(10)} уже существует в 1С`,
  },
  {
    type: 'ValidationError',
    weight: 12,
    message: (r, c) => `Field "${r.pick(['email', 'phone', 'inn', 'kpp'])}" is invalid for customer ${customerOf(c)}`,
  },
  {
    type: 'HttpError',
    weight: 10,
    message: (r) => `1C OData returned HTTP ${r.pick([500, 502, 503])} for request ${r.faker.string.uuid()}`,
  },
  {
    type: 'LockError',
    weight: 8,
    message: (r, c) => `Record of customer ${customerOf(c)} is locked by 1C session ${r.int(1, 400)}`,
  },
  {
    type: 'VersionConflictError',
    weight: 8,
    message: (r, c) => {
      const expected = r.int(1, 50);
      return `Version conflict on customer ${customerOf(c)}: expected ${expected}, got ${expected + 1}`;
    },
  },
];

const WEIGHTED = TEMPLATES.map((template) => [template, template.weight] as const);

export function catalogueError(random: SeededRandom, context: ErrorContext): GeneratedError {
  const template = random.weighted(WEIGHTED);
  const message = template.message(random, context);
  return { message, type: template.type, stack: stackOf(template.type, message, context.operationType) };
}

/** An error whose message carries a hostile string, as when 1C echoes back the value it rejected. */
export function hostileError(context: ErrorContext, hostile: string): GeneratedError {
  const message = `1C rejected the value of field "comment": ${hostile}`;
  return { message, type: 'ValidationError', stack: stackOf('ValidationError', message, context.operationType) };
}

/** An error whose message is given, such as an over-long one. */
export function errorWithMessage(type: string, message: string, operationType: OperationType): GeneratedError {
  return { message, type, stack: stackOf(type, message, operationType) };
}

/** A Node-style stack: it repeats the message, so a long message makes a long stack. */
function stackOf(type: string, message: string, operationType: OperationType): string {
  return [
    `${type}: ${message}`,
    '    at OneCClient.request (file:///app/dist/onec/client.js:214:13)',
    '    at async OneCClient.call (file:///app/dist/onec/client.js:98:20)',
    `    at async SyncWorker.${operationType} (file:///app/dist/sync/worker.js:${120 + operationType.length}:7)`,
  ].join('\n');
}
