import { writeFile } from 'node:fs/promises';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { savedObjects, toNdjson } from '../dashboards/opensearch-dashboards/saved-objects.ts';

interface ImportAnswer {
  success?: boolean;
  successCount?: number;
  errors?: Array<{ id: string; type: string; title?: string; error: { type: string; message?: string } }>;
}

/**
 * `synclog dashboards export [--out FILE]`: the saved objects for SYNCLOG_INDEX_PREFIX as ndjson.
 * `synclog dashboards import --url URL [--user NAME]`: posts them to OpenSearch Dashboards'
 * saved-objects import API (overwriting, with the `osd-xsrf` header; the password comes from
 * SYNCLOG_DASHBOARDS_PASSWORD) and reports what was imported and what failed (exit 1).
 */
export async function dashboardsCommand(
  action: string | undefined,
  values: { url?: string | undefined; user?: string | undefined; out?: string | undefined },
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  if (action !== 'export' && action !== 'import')
    throw new ConfigError([{ variable: 'dashboards', message: 'expected "export" or "import --url URL"' }]);
  const { SYNCLOG_INDEX_PREFIX } = parseEnv(openSearchEnvSchema, env);
  const objects = savedObjects(SYNCLOG_INDEX_PREFIX);
  const ndjson = toNdjson(objects);
  if (action === 'export') {
    if (values.out) {
      await writeFile(values.out, ndjson);
      console.error(`wrote ${objects.length} saved objects to ${values.out}`);
    } else process.stdout.write(ndjson);
    return 0;
  }
  let base: URL;
  try {
    base = new URL(values.url ?? '');
    if (!/^https?:$/.test(base.protocol)) throw new Error('not http(s)');
  } catch {
    throw new ConfigError([
      { variable: '--url', message: 'expected the OpenSearch Dashboards URL, e.g. http://localhost:5601' },
    ]);
  }
  const password = env.SYNCLOG_DASHBOARDS_PASSWORD;
  if (values.user && !password)
    throw new ConfigError([
      { variable: 'SYNCLOG_DASHBOARDS_PASSWORD', message: `required with --user ${values.user}` },
    ]);
  const form = new FormData();
  form.append('file', new Blob([ndjson], { type: 'application/ndjson' }), `${SYNCLOG_INDEX_PREFIX}.ndjson`);
  const response = await fetch(
    new URL('api/saved_objects/_import?overwrite=true', base.href.endsWith('/') ? base : `${base.href}/`),
    {
      method: 'POST',
      headers: {
        'osd-xsrf': 'true',
        ...(values.user
          ? { authorization: `Basic ${Buffer.from(`${values.user}:${password}`).toString('base64')}` }
          : {}),
      },
      body: form,
      signal: AbortSignal.timeout(60_000),
    },
  );
  const text = await response.text();
  if (!response.ok) {
    console.error(`synclog: OpenSearch Dashboards answered ${response.status}: ${text.slice(0, 500)}`);
    return 1;
  }
  const answer = JSON.parse(text) as ImportAnswer;
  say(`imported ${answer.successCount ?? 0} of ${objects.length} saved objects into ${base.origin}`);
  for (const e of answer.errors ?? [])
    say(
      `  failed: ${e.type} ${e.id}${e.title ? ` "${e.title}"` : ''}: ${e.error.type}${e.error.message ? ` (${e.error.message})` : ''}`,
    );
  return answer.success && (answer.errors ?? []).length === 0 ? 0 : 1;
}
