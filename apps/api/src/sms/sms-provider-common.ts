import { ProviderError, SmsMessage } from './sms-sender';

/**
 * Helpers shared by the cloud SMS senders (Aliyun, Tencent): number normalisation, choice of
 * the registered template and an HTTP call whose failures become ProviderErrors.
 */

/** Mainland mobile numbers as the 11 digits (the providers take them so, Tencent with +86 in front). */
export function mainlandMobile(raw: string): string {
  const mobile = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!/^1\d{10}$/.test(mobile)) throw new ProviderError(`not a mainland mobile number: ${JSON.stringify(raw)}`, false);
  return mobile;
}

/** The body without the leading signature (`【签名】` or `[Sig] `): the provider adds SignName itself. */
export function bodyWithoutSignature(body: string): string {
  return body.replace(/^\s*(【[^】]*】|\[[^\]]*\])\s*/, '');
}

export type TemplateChoice =
  /** A template registered for our template id, with our parameters. */
  | { kind: 'registered'; code: string; params: Record<string, string> }
  /** The catch-all template with a single parameter holding the text. */
  | { kind: 'default'; code: string; content: string };

export function chooseTemplate(message: SmsMessage, codes: Record<string, string>, defaultCode: string | undefined, provider: string): TemplateChoice {
  const code = message.template ? codes[message.template] : undefined;
  if (code) return { kind: 'registered', code, params: message.params ?? {} };
  if (defaultCode) return { kind: 'default', code: defaultCode, content: bodyWithoutSignature(message.body) };
  throw new ProviderError(`${provider}: no registered template for ${JSON.stringify(message.template ?? null)} and no default template`, false);
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * One HTTP exchange bounded by `timeoutMs` (connecting, waiting and reading the body).
 * Network failures and timeouts are retryable ProviderErrors; so is any HTTP 5xx, decided by the caller.
 */
export async function httpExchange(provider: string, url: string, init: RequestInit, timeoutMs: number): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, text };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new ProviderError(`${provider}: no answer within ${timeoutMs} ms`, true);
    const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new ProviderError(`${provider}: request failed (${detail})`, true);
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Short excerpt of a provider answer for error messages. */
export function excerpt(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
