/**
 * One interface for every SMS provider. Until real providers land (notifications issue),
 * the development sender records each message in `dev_sms_message`.
 */
export interface SmsMessage {
  mobile: string;
  /** Full text, signature included. */
  body: string;
  /** De-duplication key passed to providers that support one. */
  dedupKey?: string;
}

export abstract class SmsSender {
  abstract send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}
