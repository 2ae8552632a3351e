import type { MiddlewareHandler } from 'hono';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { LifecyclePolicy } from '../../opensearch/lifecycle-policy/lifecycle-policy.ts';
import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { ApiTokens } from '../auth/api-tokens.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import type { QueryLimits } from '../logs/logs-query-schema.ts';
import type { VocabularyLabels } from '../reader/vocabulary-labels.ts';

export interface ConsoleDeps {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  readonly tokens: ApiTokens;
  /** Sessions, the client's address and the limit on failed sign-ins. */
  readonly auth: Authenticator;
  readonly accessLog: AccessLogWriter;
  readonly limits: QueryLimits;
  readonly reportTimeZone: string;
  /** The labels of operation types and statuses, as setup recorded them. */
  readonly labels: () => Promise<VocabularyLabels>;
  readonly lifecycle: LifecyclePolicy;
  readonly clock: Clock;
  /** How often the live tail looks for new records. Default 1 s. */
  readonly tailPollMs?: number;
  /** The personal data policy's search side: hashed search terms, and what the console says of hidden values. Default `keep`. */
  readonly privacy?: SearchPrivacy;
}

/** The session checks every console page sits behind: one for reading, one for acting. */
export interface ConsoleGuards {
  readonly viewer: MiddlewareHandler;
  readonly admin: MiddlewareHandler;
}
