import { createHash, createHmac } from 'node:crypto';
import { ProviderError, SmsLookupOutcome, SmsLookupQuery, SmsMessage, SmsSender } from './sms-sender';
import { chooseTemplate, excerpt, httpExchange, mainlandMobile, parseJson } from './sms-provider-common';

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  /** SmsSdkAppId of the SMS application, e.g. 1400006666. */
  sdkAppId: string;
  /** Approved signature content (签名内容, not its id), required for mainland messages. */
  signName: string;
  /** Defaults to ap-guangzhou. */
  region?: string;
  /** Defaults to https://sms.tencentcloudapi.com; tests point it at a local server. */
  endpoint?: string;
  /** Our template id → approved TemplateId. Parameters are sent in the insertion order of `params` ({1}, {2}, …). */
  templateIds: Record<string, string>;
  /** An approved template with a single {1} parameter, used when a template has no id. */
  defaultTemplateId?: string;
  /** Whole request, body included; defaults to 5000 ms. */
  timeoutMs?: number;
  now?: () => Date;
}

const SERVICE = 'sms';
const ACTION = 'SendSms';
const API_VERSION = '2021-01-11';
const ALGORITHM = 'TC3-HMAC-SHA256';
export const TENCENT_CONTENT_TYPE = 'application/json; charset=utf-8';
/** SessionContext must stay under 512 bytes (SendSms 2021-01-11 reference). */
const SESSION_CONTEXT_MAX_BYTES = 511;

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** Host header value, lower case, with the port when not the scheme's default. */
  host: string;
  payload: string;
  /** Unix seconds. */
  timestamp: number;
  service?: string;
}

/** TC3-HMAC-SHA256 over POST / with signed headers content-type;host. Returns the Authorization header and its parts. */
export function tc3Authorization(input: Tc3Input) {
  const service = input.service ?? SERVICE;
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = ['POST', '/', '', `content-type:${TENCENT_CONTENT_TYPE}\nhost:${input.host.toLowerCase()}\n`, signedHeaders, sha256Hex(input.payload)].join('\n');
  const credentialScope = `${date}/${service}/tc3_request`;
  const stringToSign = [ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const secretDate = hmac(`TC3${input.secretKey}`, date);
  const secretService = hmac(secretDate, service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `${ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    canonicalRequest,
    stringToSign,
  };
}

/** Cut a string to at most `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(value: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

function retryableCode(code: string): boolean {
  return /^(RequestLimitExceeded|InternalError|LimitExceeded)/.test(code);
}

interface TencentSendStatus {
  SerialNo?: string;
  PhoneNumber?: string;
  Code?: string;
  Message?: string;
}

interface TencentReport {
  SerialNo?: string;
  /** SUCCESS or FAIL: the handset's receipt. */
  ReportStatus?: string;
  Description?: string;
  SessionContext?: string;
}

interface TencentAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: TencentSendStatus[];
    PullSmsSendStatusSet?: TencentReport[];
    RequestId?: string;
  };
}

/** The SessionContext sent for a de-duplication key (and looked for in the receipts). */
export function tencentSessionContext(dedupKey: string): string {
  return truncateUtf8(dedupKey, SESSION_CONTEXT_MAX_BYTES);
}

/**
 * Tencent Cloud SMS (SendSms, 2021-01-11) signed with TC3-HMAC-SHA256.
 * Not idempotent: SessionContext is echoed back, it does not de-duplicate; `lookup` finds the
 * receipt that echoes it after an interrupted send.
 */
export class TencentSmsSender extends SmsSender {
  readonly idempotent = false;
  private readonly endpoint: string;
  private readonly region: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: TencentSmsOptions) {
    super();
    this.endpoint = (options.endpoint ?? 'https://sms.tencentcloudapi.com').replace(/\/+$/, '');
    this.region = options.region ?? 'ap-guangzhou';
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? (() => new Date());
  }

  /** The JSON body sent for one message (exposed for tests and diagnostics). */
  payload(message: SmsMessage): string {
    const template = chooseTemplate(message, this.options.templateIds, this.options.defaultTemplateId, 'tencent');
    const params = template.kind === 'registered' ? Object.values(template.params).map(String) : [template.content];
    const body: Record<string, unknown> = {
      PhoneNumberSet: [`+86${mainlandMobile(message.mobile)}`],
      SmsSdkAppId: this.options.sdkAppId,
      SignName: this.options.signName,
      TemplateId: template.code,
      TemplateParamSet: params,
    };
    if (message.dedupKey) body.SessionContext = tencentSessionContext(message.dedupKey);
    return JSON.stringify(body);
  }

  /**
   * After an interrupted send: PullSmsSendStatusByPhoneNumber (2021-01-11) returns the receipts
   * for one number since the call started, each echoing the SessionContext we sent. A receipt
   * for ours → taken (SUCCESS) or undelivered (FAIL). None → unknown: Tencent lists receipts,
   * not acceptances, and a receipt can come minutes later, so the dispatcher asks again before
   * showing it to the admin as unknown.
   */
  async lookup(query: SmsLookupQuery): Promise<SmsLookupOutcome> {
    const context = tencentSessionContext(query.dedupKey);
    const begin = Math.floor(query.sentAt.getTime() / 1000) - 60;
    const payload = JSON.stringify({
      BeginTime: begin,
      EndTime: Math.max(begin + 60, Math.floor(this.now().getTime() / 1000)),
      Offset: 0,
      Limit: 100,
      PhoneNumber: `+86${mainlandMobile(query.mobile)}`,
      SmsSdkAppId: this.options.sdkAppId,
    });
    const { status, text, answer, requestId } = await this.call('PullSmsSendStatusByPhoneNumber', payload);
    if (status >= 500) throw new ProviderError(`tencent: PullSmsSendStatusByPhoneNumber HTTP ${status}: ${answer?.Error?.Message ?? excerpt(text)}${requestId}`, true);
    if (answer?.Error) {
      const code = answer.Error.Code ?? 'UnknownError';
      throw new ProviderError(`tencent: PullSmsSendStatusByPhoneNumber ${code}: ${answer.Error.Message ?? ''}${requestId}`, retryableCode(code));
    }
    if (status !== 200 || !answer) throw new ProviderError(`tencent: PullSmsSendStatusByPhoneNumber unexpected answer, HTTP ${status}: ${excerpt(text)}`, true);
    const ours = (answer.PullSmsSendStatusSet ?? []).find((r) => r.SessionContext === context);
    if (!ours) return { outcome: 'unknown', detail: 'tencent: no receipt for it (yet)' };
    if (ours.ReportStatus === 'SUCCESS') return { outcome: 'accepted', providerMessageId: ours.SerialNo ?? null };
    return { outcome: 'rejected', detail: `tencent: ${ours.ReportStatus ?? 'no status'}${ours.Description ? ` ${ours.Description}` : ''}` };
  }

  /** One TC3-signed call of an SMS action; the answer's Response part. */
  private async call(action: string, payload: string) {
    const url = new URL(`${this.endpoint}/`);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const { authorization } = tc3Authorization({ secretId: this.options.secretId, secretKey: this.options.secretKey, host: url.host, payload, timestamp });
    const headers: Record<string, string> = {
      Authorization: authorization,
      'Content-Type': TENCENT_CONTENT_TYPE,
      // Host is the URL's (fetch sets it; the signature uses the same url.host).
      'X-TC-Action': action,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Version': API_VERSION,
      'X-TC-Region': this.region,
    };
    const { status, text } = await httpExchange('tencent', url.toString(), { method: 'POST', headers, body: payload }, this.timeoutMs);
    const answer = ((parseJson(text) ?? {}) as TencentAnswer).Response;
    return { status, text, answer, requestId: answer?.RequestId ? ` (RequestId ${answer.RequestId})` : '' };
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const { status, text, answer, requestId } = await this.call(ACTION, this.payload(message));
    if (status >= 500) throw new ProviderError(`tencent: HTTP ${status}: ${answer?.Error?.Message ?? excerpt(text)}${requestId}`, true);
    if (answer?.Error) {
      const code = answer.Error.Code ?? 'UnknownError';
      throw new ProviderError(`tencent: ${code}: ${answer.Error.Message ?? ''}${requestId}`, retryableCode(code));
    }
    const sent = answer?.SendStatusSet?.[0];
    if (status === 200 && sent) {
      if (sent.Code === 'Ok' && sent.SerialNo) return { providerMessageId: sent.SerialNo };
      const code = sent.Code ?? 'UnknownError';
      throw new ProviderError(`tencent: ${code}: ${sent.Message ?? ''}${requestId}`, sent.Code === 'Ok' ? false : retryableCode(code));
    }
    throw new ProviderError(`tencent: unexpected answer, HTTP ${status}: ${excerpt(text)}`, status === 429);
  }
}
