import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import type { ConnectionEnv } from '../config/env.ts';

export type OpenSearchClient = Client;

export interface ConnectionSettings {
  urls: string[];
  username?: string | undefined;
  password?: string | undefined;
  caFile?: string | undefined;
  /** Default true. */
  tlsVerify?: boolean;
  /** Default 30 000 ms. */
  requestTimeoutMs?: number;
  aws?: { region: string; service: 'es' | 'aoss' } | undefined;
}

/** Connection settings from validated environment, given the URL(s) to use. */
export function connectionFromEnv(env: ConnectionEnv, urls: string[]): ConnectionSettings {
  return {
    urls,
    username: env.OPENSEARCH_USERNAME,
    password: env.OPENSEARCH_PASSWORD,
    caFile: env.OPENSEARCH_CA_FILE,
    tlsVerify: env.OPENSEARCH_TLS_VERIFY,
    requestTimeoutMs: env.OPENSEARCH_REQUEST_TIMEOUT_MS,
    aws: env.OPENSEARCH_AWS_REGION
      ? { region: env.OPENSEARCH_AWS_REGION, service: env.OPENSEARCH_AWS_SERVICE }
      : undefined,
  };
}

/** The one way synclog builds an OpenSearch client. */
export function createOpenSearchClient(settings: ConnectionSettings): OpenSearchClient {
  const options: ClientOptions = {
    node: settings.urls,
    requestTimeout: settings.requestTimeoutMs ?? 30_000,
    // Retries belong to the callers that know what is safe to retry (the shipper retries per item).
    maxRetries: 0,
    compression: undefined,
    ssl: {
      rejectUnauthorized: settings.tlsVerify ?? true,
      ...(settings.caFile ? { ca: readFileSync(settings.caFile) } : {}),
    },
  };
  if (settings.username !== undefined) {
    options.auth = { username: settings.username, password: settings.password ?? '' };
  }
  if (settings.aws) {
    const signer = AwsSigv4Signer({
      region: settings.aws.region,
      service: settings.aws.service,
      getCredentials: async () => {
        const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
        return defaultProvider()();
      },
    });
    Object.assign(options, signer);
  }
  return new Client(options);
}
