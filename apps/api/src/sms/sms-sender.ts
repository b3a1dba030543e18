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
  /**
   * Optional: asks the provider what became of a message whose send was interrupted (the
   * process died mid-call), found by mobile, send time and our de-duplication key, which the
   * send carried (Aliyun `OutId`, Tencent `SessionContext`). The dispatcher re-sends only what
   * the provider says it never took, and shows the admin what cannot be known.
   */
  lookup?(query: SmsLookupQuery): Promise<SmsLookupOutcome>;
}

export interface SmsLookupQuery {
  mobile: string;
  dedupKey: string;
  /** When the interrupted call started: the provider is asked about that day / window. */
  sentAt: Date;
}

export type SmsLookupOutcome =
  /** The provider took the message (delivered, or waiting for the handset's receipt). */
  | { outcome: 'accepted'; providerMessageId: string | null }
  /** The provider took it but reports it undelivered: sending again cannot double it. */
  | { outcome: 'rejected'; detail: string }
  /** The provider keeps a record of every message it took and has none for this one. */
  | { outcome: 'absent' }
  /** No record (yet): the provider does not record acceptance, only receipts, which may lag. */
  | { outcome: 'unknown'; detail: string };

/** A provider refused or failed; `retryable` false means retrying cannot help (bad number, bad signature). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
