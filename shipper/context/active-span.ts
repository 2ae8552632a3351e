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
  /** The active span's ids; `undefined` without a valid span, or while the API is still loading. */
  ids(): SpanIds | undefined;
  /** Loads the API once; resolves `true` when it is available. Later calls return the same promise. */
  load(): Promise<boolean>;
}

// A variable specifier keeps TypeScript and bundlers from requiring the package at build time.
const OTEL_API = '@opentelemetry/api';
const importOtel = (): Promise<unknown> => import(OTEL_API);

/**
 * Reads the active OpenTelemetry span through a lazily imported `@opentelemetry/api`. The import
 * starts at the first `ids()` (or `load()`) call and its outcome is cached; a missing package is
 * the normal case without tracing, not an error. `ids()` is synchronous because logging is, so
 * calls made before the import settles see no span: await `load()` at start-up to avoid that.
 */
export function createActiveSpanSource(importer: () => Promise<unknown> = importOtel): ActiveSpanSource {
  let api: OtelApi | null | undefined;
  let loading: Promise<boolean> | undefined;

  function load(): Promise<boolean> {
    loading ??= importer().then(
      (module) => {
        api = asOtelApi(module);
        return api !== null;
      },
      () => {
        api = null;
        return false;
      },
    );
    return loading;
  }

  function ids(): SpanIds | undefined {
    if (api === undefined) {
      void load();
      return undefined;
    }
    if (api === null) return undefined;
    try {
      const span = api.trace.getSpanContext(api.context.active());
      if (!span || !isValidTraceId(span.traceId) || !isValidSpanId(span.spanId)) return undefined;
      return { traceId: span.traceId, spanId: span.spanId, traceFlags: span.traceFlags };
    } catch {
      // A broken tracing setup must never break logging.
      return undefined;
    }
  }

  return { ids, load };
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

/** Starts loading `@opentelemetry/api` now; resolves `true` when it is installed. */
export const preloadOpenTelemetry = (): Promise<boolean> => processSource.load();
