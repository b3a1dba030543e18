import { createHmac, randomUUID } from 'node:crypto';
import { chinaDateOf } from '@tiaojie/domain';
import { ProviderError, SmsLookupOutcome, SmsLookupQuery, SmsMessage, SmsSender } from './sms-sender';
import { chooseTemplate, excerpt, httpExchange, mainlandMobile, parseJson } from './sms-provider-common';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** Registered signature name (签名名称), e.g. 调解平台. */
  signName: string;
  /** Defaults to https://dysmsapi.aliyuncs.com; tests point it at a local server. */
  endpoint?: string;
  /** Our template id (e.g. `case_submitted`) → registered TemplateCode (e.g. `SMS_123456789`). */
  templateCodes: Record<string, string>;
  /** A registered template with a single `${content}` parameter, used when a template has no code. */
  defaultTemplateCode?: string;
  /** Whole request, body included; defaults to 5000 ms. */
  timeoutMs?: number;
  now?: () => Date;
  nonce?: () => string;
}

const API_VERSION = '2017-05-25';
/**
 * OutId carries our dedupKey for the delivery receipts. Aliyun's SendSms reference names the
 * field (外部流水扩展字段) without a length in the pages checked; 64 characters is a conservative cut.
 */
export const ALIYUN_OUT_ID_MAX = 64;

/** The OutId sent for a de-duplication key (and looked for in the send details). */
export function aliyunOutId(dedupKey: string): string {
  return [...dedupKey].slice(0, ALIYUN_OUT_ID_MAX).join('');
}

/**
 * Percent-encoding of Alibaba Cloud's RPC signature v1: RFC 3986, everything but the unreserved
 * characters `A-Z a-z 0-9 - _ . ~` encoded as UTF-8 `%XX`. (Java's URLEncoder followed by
 * `+`→`%20`, `*`→`%2A`, `%7E`→`~` gives the same; encodeURIComponent leaves `!'()*`, so they are encoded here.)
 */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Sorted, encoded `key=value&…` of every parameter but Signature. */
export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(params[key])}`)
    .join('&');
}

/** StringToSign = METHOD&%2F&percentEncode(canonicalised query); Signature = base64(HMAC-SHA1(secret + '&', StringToSign)). */
export function aliyunSignature(params: Record<string, string>, accessKeySecret: string, method = 'GET'): string {
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** ISO 8601 UTC without milliseconds: YYYY-MM-DDThh:mm:ssZ. */
export function aliyunTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Codes that mean "later may work": flow control and the service's own failures. */
function retryableCode(code: string): boolean {
  return code === 'isv.BUSINESS_LIMIT_CONTROL' || code === 'isp.SYSTEM_ERROR' || /^(Throttling|ServiceUnavailable|InternalError)/.test(code);
}

interface AliyunAnswer {
  Code?: string;
  Message?: string;
  BizId?: string;
  RequestId?: string;
}

interface AliyunSendDetail {
  PhoneNum?: string;
  /** 1 waiting for the receipt, 2 failed, 3 delivered. */
  SendStatus?: number;
  ErrCode?: string;
  OutId?: string;
}

interface AliyunDetailsAnswer extends AliyunAnswer {
  TotalCount?: number | string;
  SmsSendDetailDTOs?: { SmsSendDetailDTO?: AliyunSendDetail[] };
}

/** QuerySendDetails takes the send date as yyyyMMdd in China time (UTC+8). */
export function aliyunSendDate(date: Date): string {
  return chinaDateOf(date).replace(/-/g, '');
}

const DETAILS_PAGE_SIZE = 50;
const DETAILS_MAX_PAGES = 10;

/**
 * Alibaba Cloud SMS (dysmsapi SendSms, 2017-05-25, RPC style, signature method v1) over HTTPS.
 * Not idempotent: Aliyun's SendSms has no request-level de-duplication; OutId labels the message,
 * and `lookup` finds it by that label after an interrupted send.
 */
export class AliyunSmsSender extends SmsSender {
  readonly idempotent = false;
  private readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(private readonly options: AliyunSmsOptions) {
    super();
    this.endpoint = (options.endpoint ?? 'https://dysmsapi.aliyuncs.com').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? (() => new Date());
    this.nonce = options.nonce ?? (() => randomUUID());
  }

  /** The signed query parameters for one message (exposed for tests and diagnostics). */
  signedParams(message: SmsMessage): Record<string, string> {
    const template = chooseTemplate(message, this.options.templateCodes, this.options.defaultTemplateCode, 'aliyun');
    const templateParam = template.kind === 'registered' ? template.params : { content: template.content };
    const params: Record<string, string> = {
      Action: 'SendSms',
      PhoneNumbers: mainlandMobile(message.mobile),
      SignName: this.options.signName,
      TemplateCode: template.code,
    };
    if (Object.keys(templateParam).length > 0) params.TemplateParam = JSON.stringify(templateParam);
    if (message.dedupKey) params.OutId = aliyunOutId(message.dedupKey);
    return this.sign(params);
  }

  /** The common parameters (key, time, nonce) and the signature added to an action's own. */
  private sign(own: Record<string, string>): Record<string, string> {
    const params: Record<string, string> = {
      Format: 'JSON',
      Version: API_VERSION,
      AccessKeyId: this.options.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      Timestamp: aliyunTimestamp(this.now()),
      SignatureVersion: '1.0',
      SignatureNonce: this.nonce(),
      ...own,
    };
    params.Signature = aliyunSignature(params, this.options.accessKeySecret, 'GET');
    return params;
  }

  private async call(params: Record<string, string>) {
    const query = Object.keys(params)
      .map((key) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(params[key])}`)
      .join('&');
    const { status, text } = await httpExchange('aliyun', `${this.endpoint}/?${query}`, { method: 'GET', headers: { accept: 'application/json' } }, this.timeoutMs);
    return { status, text, answer: (parseJson(text) ?? {}) as AliyunDetailsAnswer };
  }

  /**
   * After an interrupted send: QuerySendDetails (phone number + send date, China time) lists
   * every message Aliyun took for that number that day, each with the OutId we sent. Ours
   * there → taken (SendStatus 1 waiting, 3 delivered) or undelivered (2); not there → Aliyun
   * never took it. The day of the call and, if it differs, today are searched.
   */
  async lookup(query: SmsLookupQuery): Promise<SmsLookupOutcome> {
    const outId = aliyunOutId(query.dedupKey);
    const days = [...new Set([aliyunSendDate(query.sentAt), aliyunSendDate(this.now())])];
    for (const day of days) {
      for (let page = 1; page <= DETAILS_MAX_PAGES; page++) {
        const { status, text, answer } = await this.call(
          this.sign({ Action: 'QuerySendDetails', PhoneNumber: mainlandMobile(query.mobile), SendDate: day, PageSize: String(DETAILS_PAGE_SIZE), CurrentPage: String(page) }),
        );
        if (status !== 200 || answer.Code !== 'OK') {
          throw new ProviderError(
            `aliyun: QuerySendDetails HTTP ${status}${answer.Code ? ` ${answer.Code}` : ''}: ${answer.Message ?? excerpt(text)}`,
            status >= 500 || (!!answer.Code && retryableCode(answer.Code)),
          );
        }
        const details = answer.SmsSendDetailDTOs?.SmsSendDetailDTO ?? [];
        const ours = details.find((d) => d.OutId === outId);
        if (ours) {
          if (Number(ours.SendStatus) === 2) return { outcome: 'rejected', detail: `aliyun: undelivered${ours.ErrCode ? ` (${ours.ErrCode})` : ''}` };
          return { outcome: 'accepted', providerMessageId: null };
        }
        if (details.length < DETAILS_PAGE_SIZE || page * DETAILS_PAGE_SIZE >= Number(answer.TotalCount ?? 0)) break;
      }
    }
    return { outcome: 'absent' };
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const { status, text, answer } = await this.call(this.signedParams(message));
    const code = typeof answer.Code === 'string' ? answer.Code : undefined;
    const detail = `HTTP ${status}${code ? ` ${code}` : ''}: ${answer.Message ?? excerpt(text)}${answer.RequestId ? ` (RequestId ${answer.RequestId})` : ''}`;
    if (status >= 500) throw new ProviderError(`aliyun: ${detail}`, true);
    if (status === 200 && code === 'OK') {
      if (!answer.BizId) throw new ProviderError(`aliyun: accepted without BizId (${detail})`, false);
      return { providerMessageId: answer.BizId };
    }
    if (code) throw new ProviderError(`aliyun: ${detail}`, retryableCode(code));
    throw new ProviderError(`aliyun: unexpected answer, ${detail}`, status === 429);
  }
}
