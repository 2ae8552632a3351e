import nodemailer from 'nodemailer';
import type { ReportMail } from './report-mail.ts';

export interface ReportMailer {
  /** Resolves with the server's message id once the SMTP server accepted the mail for every recipient. */
  send(to: readonly string[], mail: ReportMail): Promise<string>;
}

/** Sends through one SMTP server (nodemailer); a connection per mail, so nothing stays open between sends. */
export function createReportMailer(smtpUrl: string, from: string): ReportMailer {
  // Bounded: a server that does not answer fails the send, and the scheduler retries it.
  const transport = nodemailer.createTransport(
    { url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 },
    { from },
  );
  return {
    async send(to, mail) {
      const info = await transport.sendMail({
        to: [...to],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments.map((a) => ({ ...a })),
        headers: mail.headers,
      });
      if (info.rejected.length > 0) throw new Error(`the mail server refused ${info.rejected.map(String).join(', ')}`);
      return info.messageId;
    },
  };
}
