import { createRequire } from 'node:module';
import { isValidSpanId, isValidTraceId } from './traceparent.ts';

/** The ids of the OpenTelemetry span active in the running code. */
export interface SpanIds {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

/** The part of `@opentelemetry/api` read here; typed locally so the package stays optional. */
interface OtelApi {
  readonly context: { active(): unknown };
  readonly trace: {
    getSpanContext(context: unknown): { traceId: string; spanId: string; traceFlags: number } | undefined;
  };
}

export interface ActiveSpanSource {
  /** The active span's ids; `undefined` without `@opentelemetry/api` or without a valid active span. */
  ids(): SpanIds | undefined;
  /** Loads the API now (it is otherwise loaded by the first `ids()`); resolves `true` when it is available. */
  load(): Promise<boolean>;
}

// A variable specifier keeps TypeScript and bundlers from requiring the package at build time.
const OTEL_API = '@opentelemetry/api';
const requireOtel = (): unknown => createRequire(import.meta.url)(OTEL_API);

/**
 * Reads the active OpenTelemetry span through `@opentelemetry/api`, loaded once, synchronously, at
 * the first `ids()` call: logging is synchronous, and an asynchronous `import()` would leave the
 * records logged before it settles without their span. Whichever copy of the package is loaded
 * (its CommonJS or its ESM build), the API keeps its context manager and tracer provider in one
 * process-wide slot, so the span the application's SDK made active is the one read here. A
 * missing package is the normal case without tracing, not an error.
 */
export function createActiveSpanSource(loadApi: () => unknown = requireOtel): ActiveSpanSource {
  let api: OtelApi | null | undefined;

  function loaded(): OtelApi | null {
    if (api !== undefined) return api;
    try {
      api = asOtelApi(loadApi());
    } catch {
      api = null;
    }
    return api;
  }

  function ids(): SpanIds | undefined {
    const otel = loaded();
    if (otel === null) return undefined;
    try {
      const span = otel.trace.getSpanContext(otel.context.active());
      if (!span || !isValidTraceId(span.traceId) || !isValidSpanId(span.spanId)) return undefined;
      return { traceId: span.traceId, spanId: span.spanId, traceFlags: span.traceFlags };
    } catch {
      // A broken tracing setup must never break logging.
      return undefined;
    }
  }

  return { ids, load: () => Promise.resolve(loaded() !== null) };
}

function asOtelApi(module: unknown): OtelApi | null {
  const candidate = module as Partial<OtelApi> | null;
  const valid =
    typeof candidate?.context?.active === 'function' && typeof candidate?.trace?.getSpanContext === 'function';
  return valid ? (candidate as OtelApi) : null;
}

const processSource = createActiveSpanSource();

/** The active span of the process-wide OpenTelemetry API, if installed. */
export const activeSpanIds = (): SpanIds | undefined => processSource.ids();

/**
 * Loads `@opentelemetry/api` now; resolves `true` when it is installed. Optional: the first record
 * loads it anyway, synchronously; call it at start-up to learn whether tracing ids will be recorded.
 */
export const preloadOpenTelemetry = (): Promise<boolean> => processSource.load();
