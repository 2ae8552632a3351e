/**
 * A search answer whose every shard answered. OpenSearch answers 200 with `_shards.failed` when
 * some shards fail (a circuit breaker, say): a report built on that would be silently short.
 */
export function completeResult(body: unknown): unknown {
  const shards = (body as { _shards?: { failed?: number; failures?: Array<{ reason?: { type?: string; reason?: string } }> } })._shards;
  if (shards?.failed) {
    const reason = shards.failures?.[0]?.reason;
    throw new Error(`report query failed on ${shards.failed} shard(s): ${reason?.type ?? 'unknown'}: ${reason?.reason ?? ''}`.slice(0, 500));
  }
  return body;
}
