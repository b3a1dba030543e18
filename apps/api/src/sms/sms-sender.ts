/**
 * One interface for every SMS provider, chosen by SMS_PROVIDER: `dev` records messages in
 * the database (development), `aliyun` and `tencent` call those clouds over HTTPS.
 */
export interface SmsMessage {
  mobile: string;
  /** Full text, signature included (what a person reads). */
  body: string;
  /** Our template id (e.g. `case_submitted`) and its parameters, for providers that send registered templates. */
  template?: string;
  params?: Record<string, string>;
  /** De-duplication key (event, recipient, channel): the same key is never delivered twice by an idempotent provider. */
  dedupKey?: string;
}

export abstract class SmsSender {
  /**
   * True when sending the same dedupKey twice delivers once. The dispatcher then re-sends a
   * message whose outcome it lost in a crash; otherwise it marks it failed for a person to check.
   */
  abstract readonly idempotent: boolean;
  abstract send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}

/** A provider refused or failed; `retryable` false means retrying cannot help (bad number, bad signature). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
