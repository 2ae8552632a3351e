/**
 * Throws unless the proxy's raw OpenSearch answer holds the records the service returned, in the
 * same order: the two paths must run the same search for the comparison to mean anything.
 */
export function sameRecords(query: string, service: unknown, proxy: unknown): void {
  const served = (service as { records: Array<{ event_id: string }> }).records.map((r) => r.event_id);
  const hits = (proxy as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id);
  const proxied = hits.slice(0, served.length);
  if (proxied.join() !== served.join()) {
    throw new Error(
      `"${query}": the service returned ${served.length} records and the proxy ${hits.length} hits, not the same ones in order`,
    );
  }
}
