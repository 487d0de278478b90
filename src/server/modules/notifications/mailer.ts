import nodemailer from 'nodemailer';
import type { MailContent } from './notification-messages';

/** Sends e-mail. */
export interface Mailer {
  /** Where mail goes, for the start-up line (the SMTP host, never the password). */
  description: string;
  send(to: string, content: MailContent): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP (`smtp://user:password@host:587`, `smtps://…:465`). The sender is
 * "Thực Thi <no-reply@host of the application address>".
 */
export function createSmtpMailer(smtpUrl: string, appUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const url = new URL(smtpUrl);
  const from = { name: 'Thực Thi', address: `no-reply@${new URL(appUrl).hostname || 'localhost'}` };
  return {
    description: `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`,
    async send(to, content) {
      await transport.sendMail({ from, to, subject: content.subject, text: content.text, html: content.html });
    },
    close() {
      transport.close();
    },
  };
}
