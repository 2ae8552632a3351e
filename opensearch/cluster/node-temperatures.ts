import type { OpenSearchClient } from '../client/create-client.ts';

/** The `temp` attribute values of the cluster's nodes (`hot`, `cold`), empty where nodes have none. */
export async function nodeTemperatures(client: OpenSearchClient): Promise<Set<string>> {
  const { body } = await client.cat.nodeattrs({ format: 'json', h: 'attr,value' } as never);
  return new Set(
    (body as unknown as Array<{ attr: string; value: string }>)
      .filter((row) => row.attr === 'temp')
      .map((row) => row.value),
  );
}

/** A hot/cold cluster: new log indices are placed on hot nodes and the cold step moves them. */
export async function hasHotAndColdNodes(client: OpenSearchClient): Promise<boolean> {
  const temperatures = await nodeTemperatures(client);
  return temperatures.has('hot') && temperatures.has('cold');
}
