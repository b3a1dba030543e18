import { createHash } from 'node:crypto';
import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import { ProviderError } from '../../sms/sms-sender';
import { EmailMessage, EmailSender } from './email-sender';

export interface SmtpEmailOptions {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://user:pass@host:port (TLS from the start). */
  url: string;
  /** From header, e.g. `调解平台 <noreply@example.cn>`. */
  from: string;
  /** Right-hand side of the Message-ID; defaults to the domain of `from`. */
  messageIdDomain?: string;
  /** Connection, greeting and idle-socket timeout; defaults to 30000 ms (nodemailer's own are minutes). */
  timeoutMs?: number;
}

export const DEDUP_HEADER = 'X-Tiaojie-Dedup-Key';

/** `<sha256(key)[0..32]@domain>` (key: the notification id, else its dedupKey): the same notification always carries the same Message-ID. */
export function dedupMessageId(dedupKey: string, domain: string): string {
  return `<${createHash('sha256').update(dedupKey, 'utf8').digest('hex').slice(0, 32)}@${domain}>`;
}

function domainOf(from: string): string | undefined {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match?.[1]?.toLowerCase();
}

/** Errors that no retry can fix although the server never answered with a 5xx. */
const PERMANENT_CODES = new Set(['ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMAXRECIPIENTS', 'EREQUIRETLS', 'EFILEACCESS', 'EURLACCESS']);

/** SMTP reply 4xx, no reply (connection, DNS, TLS, timeout) → retryable; 5xx → not. */
export function smtpErrorToProviderError(error: unknown): ProviderError {
  const err = error as NodemailerError;
  const responseCode = typeof err?.responseCode === 'number' ? err.responseCode : undefined;
  const message = `smtp: ${err?.message ?? String(error)}`;
  if (responseCode !== undefined) return new ProviderError(message, !(responseCode >= 500 && responseCode < 600));
  return new ProviderError(message, !(err?.code && PERMANENT_CODES.has(err.code)));
}

/**
 * Email through any SMTP server with nodemailer. Not idempotent: a re-send after a lost answer
 * delivers again, but with the same Message-ID, so mail clients and people can recognise it.
 */
export class SmtpEmailSender extends EmailSender {
  readonly idempotent = false;
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly options: SmtpEmailOptions) {
    super();
    if (!/^smtps?:\/\//.test(options.url)) throw new Error('SMTP url must start with smtp:// or smtps://');
    const timeout = options.timeoutMs ?? 30_000;
    // URL settings win over these (nodemailer merges the parsed URL over the options).
    this.transport = createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
    this.domain = options.messageIdDomain ?? domainOf(options.from) ?? 'localhost';
  }

  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    const messageId = dedupMessageId(message.notificationId ?? message.dedupKey, this.domain);
    const headers: Record<string, string> = { [DEDUP_HEADER]: message.dedupKey.replace(/[\r\n]+/g, ' ') };
    if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(message.locale)) headers['Content-Language'] = message.locale;
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
        headers,
      });
      return { providerMessageId: (info as { messageId?: string }).messageId ?? messageId };
    } catch (error) {
      throw smtpErrorToProviderError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
