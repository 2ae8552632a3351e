/** A Notifications webhook channel per URL; the receiver's secret goes only to synclog's own receiver. */
export function renderChannels(
  prefix: string,
  webhooks: readonly string[],
  receiverSecret?: string,
): Array<{ config_id: string; config: Record<string, unknown> }> {
  return webhooks.map((url, i) => ({
    config_id: `${prefix}-alert-webhook-${i + 1}`,
    config: {
      name: `${prefix} alerts → ${new URL(url).host}`,
      description: 'synclog alert events (rendered by synclog setup)',
      config_type: 'webhook',
      is_enabled: true,
      webhook: {
        url,
        method: 'POST',
        header_params: {
          'Content-Type': 'application/json',
          ...(receiverSecret && new URL(url).pathname.endsWith('/alerts/webhook')
            ? { 'X-Synclog-Alert-Secret': receiverSecret }
            : {}),
        },
      },
    },
  }));
}
