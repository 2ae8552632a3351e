import { describe, expect, it } from 'vitest';
import { testClient } from '../../test/opensearch.ts';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { freePort } from '../../opensearch/local/ports.ts';
import { createApp } from '../create-app.ts';

describe('GET /health', () => {
  it('answers 200 with the cluster status while OpenSearch is up', async () => {
    const response = await createApp({ client: testClient() }).request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      opensearch: expect.stringMatching(/^(green|yellow)$/),
    });
  });

  it('answers 503 when OpenSearch cannot be reached', async () => {
    const client = createOpenSearchClient({ urls: [`http://127.0.0.1:${await freePort()}`], requestTimeoutMs: 2_000 });
    const response = await createApp({ client }).request('/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', opensearch: 'unreachable' });
  });
});
