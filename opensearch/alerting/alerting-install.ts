import type { Locale } from '../i18n/locale.ts';
import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { contentHash } from '../shared/content-hash.ts';
import { errorStatus } from '../shared/response-errors.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';
import type { AlertRule } from './alert-rules.ts';
import { monitorName, renderChannels, renderMonitor } from './monitor-rendering.ts';

/** What the native executor needs: the rules, where events go, and the receiver's secret. */
export interface AlertingSetup {
  readonly rules: readonly AlertRule[];
  readonly webhooks: readonly string[];
  readonly receiverSecret?: string | undefined;
  /** The language of the monitors' alert summaries. Default English. */
  readonly language?: Locale;
}

const request = (client: OpenSearchClient, method: string, path: string, body?: unknown) =>
  client.transport.request({ method, path, ...(body === undefined ? {} : { body }) } as never);

/**
 * Installs the rules as Alerting monitors and the webhooks as Notifications channels, with the
 * plugins' documented requests (`GET/POST/PUT _plugins/_notifications/configs[/<id>]`,
 * `POST _plugins/_alerting/monitors/_search`, `POST/PUT/DELETE _plugins/_alerting/monitors[/<id>]`).
 * A stored monitor equal to its rendering (without the fields the plugin adds) is left alone;
 * monitors of this prefix whose rule is no longer configured are deleted.
 */
export async function installAlerting(
  client: OpenSearchClient,
  names: IndexNames,
  setup: AlertingSetup,
): Promise<SetupChange[]> {
  const changes: SetupChange[] = [];
  const channels = renderChannels(names.prefix, setup.webhooks, setup.receiverSecret);
  for (const channel of channels) {
    const path = `/_plugins/_notifications/configs/${encodeURIComponent(channel.config_id)}`;
    let stored: unknown = null;
    try {
      stored = (await request(client, 'GET', path)).body;
    } catch (error) {
      if (errorStatus(error).status !== 404) throw error;
    }
    const current = (stored as { config_list?: Array<{ config: unknown }> } | null)?.config_list?.[0]?.config;
    if (!current) {
      await request(client, 'POST', '/_plugins/_notifications/configs', channel);
      changes.push(change('notification channel', channel.config_id, 'created'));
    } else if (contentHash(current) !== contentHash(channel.config)) {
      await request(client, 'PUT', path, { config: channel.config });
      changes.push(change('notification channel', channel.config_id, 'updated'));
    } else changes.push(change('notification channel', channel.config_id, 'unchanged'));
  }

  const { body: found } = await request(client, 'POST', '/_plugins/_alerting/monitors/_search', {
    size: 1_000,
    query: { prefix: { 'monitor.name.keyword': monitorName(names.prefix, '') } },
  });
  const existing = new Map(
    (
      (
        found as {
          hits?: {
            hits?: Array<{ _id: string; _source: { name: string; synclog_hash?: string } & Record<string, unknown> }>;
          };
        }
      ).hits?.hits ?? []
    ).map((h) => [h._source.name, h]),
  );
  const ids = channels.map((c) => c.config_id);
  const wanted = new Set<string>();
  for (const rule of setup.rules) {
    const monitor = renderMonitor(rule, names, ids, setup.language);
    const name = String(monitor.name);
    wanted.add(name);
    const hash = contentHash(monitor);
    const before = existing.get(name);
    if (!before) {
      await request(client, 'POST', '/_plugins/_alerting/monitors', monitor);
      changes.push(change('alerting monitor', name, 'created'));
    } else if (contentHash(strip(before._source)) !== hash) {
      await request(client, 'PUT', `/_plugins/_alerting/monitors/${encodeURIComponent(before._id)}`, monitor);
      changes.push(change('alerting monitor', name, 'updated'));
    } else changes.push(change('alerting monitor', name, 'unchanged'));
  }
  for (const [name, hit] of existing) {
    if (wanted.has(name)) continue;
    await request(client, 'DELETE', `/_plugins/_alerting/monitors/${encodeURIComponent(hit._id)}`);
    changes.push(change('alerting monitor', name, 'updated', 'deleted: no such rule any more'));
  }
  return changes;
}

/** A stored monitor without the fields the plugin adds (ids, versions, timestamps), for comparison. */
function strip(source: Record<string, unknown>): Record<string, unknown> {
  const {
    last_update_time: _a,
    enabled_time: _b,
    schema_version: _c,
    user: _d,
    owner: _e,
    data_sources: _f,
    ...rest
  } = source;
  return rest;
}
