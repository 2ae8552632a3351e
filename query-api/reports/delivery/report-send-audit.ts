import { recordAccess, type Accessor } from '../../audit/access-log.ts';
import type { AccessLogWriter } from '../../audit/access-log-writer.ts';
import type { BuiltReport } from '../build-report.ts';
import { reportRows } from '../formats/report-document.ts';
import type { Delivery } from './delivery-log.ts';

/**
 * A webhook as the access log names it: its origin only. Webhook URLs often carry their secret in
 * the path or query (a chat service's incoming hook), and the access log is read by every admin.
 */
export const webhookOrigin = (url: string) => new URL(url).origin;

/**
 * The `beforeSend` of a report delivery: a `report.mail` entry (the recipients' addresses) or a
 * `report.webhook` entry (the webhook's origin) before each send, with the report and its period
 * as filters and its table rows as the row count. One entry per attempt: a retried send is
 * recorded again, since a mail server that failed to answer may still have delivered it.
 */
export function reportSendAudit(
  accessLog: AccessLogWriter,
  sender: Accessor,
  report: BuiltReport,
  route: string,
): (channel: Delivery['channel'], recipients: readonly string[]) => Promise<void> {
  return (channel, recipients) =>
    recordAccess(accessLog, {
      caller: sender,
      event: channel === 'email' ? 'report.mail' : 'report.webhook',
      method: channel === 'email' ? 'MAIL' : 'POST',
      route,
      filters: { report: report.doc.kind, period: report.doc.period },
      rowCount: reportRows(report.doc),
      recipients: channel === 'email' ? recipients : recipients.map(webhookOrigin),
    });
}
