import type { OpenSearchClient } from '../client/create-client.ts';
import { contentHash } from '../shared/content-hash.ts';
import { orNullOn404 } from '../shared/response-errors.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';

type TemplateKind = 'component template' | 'index template';

interface StoredTemplate {
  _meta?: { synclog_hash?: string };
}

async function currentHash(
  client: OpenSearchClient,
  kind: TemplateKind,
  name: string,
): Promise<string | null | undefined> {
  if (kind === 'component template') {
    const response = await orNullOn404(client.cluster.getComponentTemplate({ name }));
    if (!response) return null;
    const found = (response.body.component_templates as Array<{ component_template: StoredTemplate }>)[0];
    return found?.component_template._meta?.synclog_hash;
  }
  const response = await orNullOn404(client.indices.getIndexTemplate({ name }));
  if (!response) return null;
  const found = (response.body.index_templates as Array<{ index_template: StoredTemplate }>)[0];
  return found?.index_template._meta?.synclog_hash;
}

/**
 * Creates or updates a template. Setup stamps each template with the hash of what it wrote, so a
 * template left as setup wrote it is recognised as unchanged, and one edited by hand is rewritten.
 */
export async function ensureTemplate(
  client: OpenSearchClient,
  kind: TemplateKind,
  name: string,
  body: Record<string, unknown>,
): Promise<SetupChange> {
  const hash = contentHash(body);
  const existing = await currentHash(client, kind, name);
  if (existing === hash) return change(kind, name, 'unchanged');
  const stamped = { ...body, _meta: { synclog_hash: hash, managed_by: 'synclog' } };
  if (kind === 'component template') {
    await client.cluster.putComponentTemplate({ name, body: stamped as never });
  } else {
    await client.indices.putIndexTemplate({ name, body: stamped as never });
  }
  return change(kind, name, existing === null ? 'created' : 'updated');
}
