import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentContext, runWithContext, type CorrelationContext } from '../context/correlation-context.ts';
import { contextFromTraceparent } from '../context/traceparent.ts';
import type { AppMetrics } from '../metrics/app-metrics.ts';
import { requestEndpoint, type RouteOf } from './request-endpoint.ts';
import type { LogFields } from './structured-logger-types.ts';
import { loggableUrl } from './url-path.ts';
import type { LogLevel } from './write-info.ts';

export interface HttpHandlerDeps {
  /** Writes one record in an explicit context: response events fire outside the request's context. */
  readonly emit: (level: LogLevel, message: string, fields: LogFields, context: CorrelationContext) => void;
  readonly clock: () => number;
  readonly newId: () => string;
  /** Counts each request in `api_requests_total` and `api_request_duration_seconds` when given. */
  readonly metrics?: AppMetrics;
}

export interface HttpHandlerOptions<Req extends IncomingMessage = IncomingMessage> {
  /** The route template a request matched; default Express's `req.route`, else the path with ids collapsed. */
  readonly route?: RouteOf<Req>;
}

// Metric status codes for requests that got no complete answer: the handler failed before
// responding (a server error, whatever the framework sends next), or the client went away
// (nginx's "client closed request").
const FAILED_STATUS = 500;
const ABORTED_STATUS = 499;

// Header ids end up in every record of the request: accept only short, plain tokens.
const HEADER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Wraps a node:http handler so each request runs in its own correlation context (trace from
 * `traceparent`, `x-request-id` or a new request id, `x-correlation-id`) and ends with one record:
 * method, path without query, status and the time until the response finished. A handler that
 * throws or rejects is logged as an error and its error passed on unchanged.
 */
export function wrapHttpHandler<Req extends IncomingMessage, Res extends ServerResponse, R>(
  deps: HttpHandlerDeps,
  handler: (req: Req, res: Res) => R,
  options: HttpHandlerOptions<Req> = {},
): (req: Req, res: Res) => R {
  return (req, res) => {
    const start = deps.clock();
    const requestContext: CorrelationContext = {
      ...contextFromTraceparent(req.headers.traceparent),
      request_id: headerId(req.headers['x-request-id']) ?? deps.newId(),
      correlation_id: headerId(req.headers['x-correlation-id']),
    };
    return runWithContext(requestContext, () => {
      const context = currentContext();
      const method = (req.method ?? 'GET').toUpperCase().slice(0, 16);
      const path = loggableUrl(req.url ?? '/');
      let logged = false;

      const finish = (outcome: { readonly error?: unknown; readonly aborted?: boolean }) => {
        if (logged) return;
        logged = true;
        const failed = 'error' in outcome;
        // After a throw the status is whatever the handler had set, or nothing was sent at all.
        const status = failed && !res.headersSent ? undefined : res.statusCode;
        const aborted = outcome.aborted === true;
        const level: LogLevel =
          failed || (status ?? 0) >= 500 ? 'error' : aborted || (status ?? 0) >= 400 ? 'warn' : 'info';
        const result = failed ? 'failed' : aborted ? 'aborted' : String(status);
        const durationMs = deps.clock() - start;
        deps.metrics?.apiRequest({
          method,
          endpoint: requestEndpoint(req, path, options.route),
          statusCode: status === undefined ? FAILED_STATUS : aborted ? ABORTED_STATUS : status,
          durationMs,
        });
        deps.emit(
          level,
          `${method} ${path} ${result}`,
          {
            category: 'performance',
            durationMs,
            ...(failed ? { error: outcome.error } : {}),
            details: { http: { method, path, status_code: status, ...(aborted ? { aborted } : {}) } },
          },
          context,
        );
      };

      res.once('finish', () => finish({}));
      // 'close' without 'finish': the client went away before the response was complete.
      res.once('close', () => finish({ aborted: !res.writableFinished }));
      let result: R;
      try {
        result = handler(req, res);
      } catch (error) {
        finish({ error });
        throw error;
      }
      if (result instanceof Promise) {
        return result.catch((error: unknown) => {
          finish({ error });
          throw error;
        }) as R;
      }
      return result;
    });
  };
}

function headerId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && HEADER_ID.test(value) ? value : undefined;
}
