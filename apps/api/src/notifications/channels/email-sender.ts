/** One interface for email (SMTP through nodemailer by default). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** De-duplication key; also used to build the Message-ID so a re-send is recognisable. */
  dedupKey: string;
  /** The notification's id: the Message-ID is derived from it, so a re-send after a crash carries the same one. */
  notificationId?: string;
  locale: string;
}

export abstract class EmailSender {
  abstract readonly idempotent: boolean;
  abstract send(message: EmailMessage): Promise<{ providerMessageId: string }>;
}
