import { createHash, createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProviderError, SmsMessage } from './sms-sender';
import { tc3Authorization, TencentSmsOptions, TencentSmsSender } from './tencent-sms.sender';
import { rejectionOf } from '../../test/rejection';

/**
 * A local stand-in for sms.tencentcloudapi.com that verifies TC3-HMAC-SHA256 from the request it
 * actually received (headers and raw body), with its own implementation of the documented steps.
 */

const SECRET_ID = 'AKIDtest';
const SECRET_KEY = 'testkey';
const FIXED_NOW = new Date('2024-01-02T03:04:05.678Z'); // 1704164645

function verifyTc3(req: IncomingMessage, rawBody: string, secretKey: string): { ok: boolean; reason?: string } {
  const auth = req.headers.authorization ?? '';
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, reason: `malformed Authorization: ${auth}` };
  const [, secretId, date, service, signedHeaders, signature] = m;
  const timestamp = String(req.headers['x-tc-timestamp'] ?? '');
  if (secretId !== SECRET_ID) return { ok: false, reason: 'unknown SecretId' };
  if (service !== 'sms') return { ok: false, reason: 'service' };
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) return { ok: false, reason: 'date does not match X-TC-Timestamp' };
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .toLowerCase()}\n`,
    )
    .join('');
  const hex = (data: string) => createHash('sha256').update(data).digest('hex');
  const canonicalRequest = `${req.method}\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${hex(rawBody)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${hex(canonicalRequest)}`;
  let key: Buffer = Buffer.from(`TC3${secretKey}`);
  for (const part of [date, service, 'tc3_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return expected === signature ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}

type Mode = 'ok' | 'request-limit' | 'daily-limit' | 'bad-number' | 'blacklist' | 'http-500' | 'hang';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  verification: { ok: boolean; reason?: string };
}

describe('TencentSmsSender', () => {
  let server: Server;
  let endpoint: string;
  let host: string;
  let mode: Mode = 'ok';
  const received: Received[] = [];
  /** Receipts the stand-in holds: PullSmsSendStatusByPhoneNumber answers from them. */
  const reports: Array<{ PhoneNumber: string; UserReceiveTime: number; ReportStatus: string; Description: string; SerialNo: string; SessionContext: string }> = [];

  const reply = (res: ServerResponse, response: Record<string, unknown>) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Response: { ...response, RequestId: 'req-1' } }));
  };
  const status = (code: string, message: string) => ({
    SendStatusSet: [{ SerialNo: '', PhoneNumber: '+8613800138000', Fee: 0, SessionContext: '', Code: code, Message: message, IsoCode: 'CN' }],
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const verification = verifyTc3(req, raw, SECRET_KEY);
        received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: JSON.parse(raw), verification });
        if (!verification.ok) return reply(res, { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' } });
        if (req.headers['x-tc-action'] === 'PullSmsSendStatusByPhoneNumber') {
          if (mode === 'request-limit') return reply(res, { Error: { Code: 'RequestLimitExceeded', Message: 'too many' } });
          const q = JSON.parse(raw) as { BeginTime?: number; EndTime?: number; Offset?: number; Limit?: number; PhoneNumber?: string; SmsSdkAppId?: string };
          if (typeof q.BeginTime !== 'number' || typeof q.Offset !== 'number' || typeof q.Limit !== 'number' || !q.PhoneNumber || !q.SmsSdkAppId) {
            return reply(res, { Error: { Code: 'MissingParameter', Message: 'BeginTime, Offset, Limit, PhoneNumber and SmsSdkAppId are required' } });
          }
          const set = reports.filter((r) => r.PhoneNumber === q.PhoneNumber && r.UserReceiveTime >= q.BeginTime! && (q.EndTime === undefined || r.UserReceiveTime <= q.EndTime));
          return reply(res, { PullSmsSendStatusSet: set.slice(q.Offset, q.Offset + q.Limit).map((r) => ({ ...r, CountryCode: '86', SubscriberNumber: r.PhoneNumber.slice(3) })) });
        }
        switch (mode) {
          case 'ok':
            return reply(res, {
              SendStatusSet: [{ SerialNo: '2028:f825e6b16e23f73f4123', PhoneNumber: '+8613800138000', Fee: 1, SessionContext: 'x', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }],
            });
          case 'request-limit':
            return reply(res, { Error: { Code: 'RequestLimitExceeded', Message: 'Your current request times equals to `3000` in a second.' } });
          case 'daily-limit':
            return reply(res, status('LimitExceeded.PhoneNumberDailyLimit', 'the number of sms messages sent from a single mobile number every day exceeds the upper limit'));
          case 'bad-number':
            return reply(res, status('InvalidParameterValue.IncorrectPhoneNumber', 'incorrect phone number'));
          case 'blacklist':
            return reply(res, { Error: { Code: 'FailedOperation.PhoneNumberInBlacklist', Message: 'phone number in blacklist' } });
          case 'http-500':
            res.writeHead(502, { 'content-type': 'text/html' });
            return res.end('<html>bad gateway</html>');
          case 'hang':
            return; // never answers
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    endpoint = `http://${host}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    mode = 'ok';
    received.length = 0;
    reports.length = 0;
  });

  const sender = (overrides: Partial<TencentSmsOptions> = {}) =>
    new TencentSmsSender({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      sdkAppId: '1400006666',
      signName: '调解平台',
      endpoint,
      templateIds: { case_submitted: '1110' },
      defaultTemplateId: '2220',
      timeoutMs: 1000,
      now: () => FIXED_NOW,
      ...overrides,
    });

  const message: SmsMessage = {
    mobile: '13800138000',
    body: '【调解平台】案件TJ-2024-001已提交，3日内处理。',
    template: 'case_submitted',
    params: { caseNumber: 'TJ-2024-001', days: '3' },
    dedupKey: 'case_submitted:r1:sms',
  };

  const providerError = (promise: Promise<unknown>) => rejectionOf(promise, ProviderError);

  it('is not idempotent', () => {
    expect(sender().idempotent).toBe(false);
  });

  it('posts a TC3-signed SendSms with every required header and field, and returns the SerialNo', async () => {
    await expect(sender().send(message)).resolves.toEqual({ providerMessageId: '2028:f825e6b16e23f73f4123' });
    expect(received).toHaveLength(1);
    const { method, path, headers, body, verification } = received[0];
    expect(verification).toEqual({ ok: true });
    expect(method).toBe('POST');
    expect(path).toBe('/');
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers.host).toBe(host);
    expect(headers['x-tc-action']).toBe('SendSms');
    expect(headers['x-tc-timestamp']).toBe('1704164645');
    expect(headers['x-tc-version']).toBe('2021-01-11');
    expect(headers['x-tc-region']).toBe('ap-guangzhou');
    expect(headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest\/2024-01-02\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
    expect(body).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '调解平台',
      TemplateId: '1110',
      TemplateParamSet: ['TJ-2024-001', '3'],
      SessionContext: 'case_submitted:r1:sms',
    });
  });

  it('matches a signature computed by hand for fixed keys, time and host', () => {
    const payload = sender().payload(message);
    expect(payload).toBe(
      '{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400006666","SignName":"调解平台","TemplateId":"1110","TemplateParamSet":["TJ-2024-001","3"],"SessionContext":"case_submitted:r1:sms"}',
    );
    // Computed in the shell with openssl from the payload above:
    //   PAYLOAD='{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400006666","SignName":"调解平台","TemplateId":"1110","TemplateParamSet":["TJ-2024-001","3"],"SessionContext":"case_submitted:r1:sms"}'
    //   HP=$(printf '%s' "$PAYLOAD" | openssl dgst -sha256 -r | cut -d' ' -f1)      # 87b1ab00…6d90
    //   CR=$(printf 'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\n\ncontent-type;host\n%s' "$HP" | openssl dgst -sha256 -r | cut -d' ' -f1)
    //   K1=$(printf '%s' 2024-01-02 | openssl dgst -sha256 -mac HMAC -macopt key:TC3testkey -r | cut -d' ' -f1)
    //   K2=$(printf '%s' sms | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K1 -r | cut -d' ' -f1)
    //   K3=$(printf '%s' tc3_request | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K2 -r | cut -d' ' -f1)
    //   printf 'TC3-HMAC-SHA256\n1704164645\n2024-01-02/sms/tc3_request\n%s' "$CR" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K3 -r
    //   → 875e5da95e888802c2edf5d85c3d53a40b2aa2ecd403d6e2cccffa1a8ac0a39f
    const signed = tc3Authorization({ secretId: SECRET_ID, secretKey: SECRET_KEY, host: 'sms.tencentcloudapi.com', payload, timestamp: 1704164645 });
    expect(signed.signature).toBe('875e5da95e888802c2edf5d85c3d53a40b2aa2ecd403d6e2cccffa1a8ac0a39f');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDtest/2024-01-02/sms/tc3_request, SignedHeaders=content-type;host, Signature=875e5da95e888802c2edf5d85c3d53a40b2aa2ecd403d6e2cccffa1a8ac0a39f',
    );
  });

  it('uses the default template with the text (signature removed) for an unregistered template', async () => {
    await sender().send({ mobile: '8613800138000', body: '【调解平台】您有一条新消息。', template: 'unregistered' });
    const { body, verification } = received[0];
    expect(verification.ok).toBe(true);
    expect(body).toEqual({ PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400006666', SignName: '调解平台', TemplateId: '2220', TemplateParamSet: ['您有一条新消息。'] });
  });

  it('fails the server-side verification with a tampered secret (not retryable)', async () => {
    const error = await providerError(sender({ secretKey: 'testkeY' }).send(message));
    expect(received[0].verification).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('AuthFailure.SignatureFailure');
  });

  it('classifies provider answers', async () => {
    mode = 'request-limit';
    expect((await providerError(sender().send(message))).retryable).toBe(true);
    mode = 'daily-limit';
    expect((await providerError(sender().send(message))).retryable).toBe(true);
    mode = 'bad-number';
    const bad = await providerError(sender().send(message));
    expect(bad.retryable).toBe(false);
    expect(bad.message).toContain('InvalidParameterValue.IncorrectPhoneNumber');
    mode = 'blacklist';
    expect((await providerError(sender().send(message))).retryable).toBe(false);
    mode = 'http-500';
    expect((await providerError(sender().send(message))).retryable).toBe(true);
    expect(received.every((r) => r.verification.ok)).toBe(true);
  });

  it('gives up after timeoutMs when the provider hangs (retryable)', async () => {
    mode = 'hang';
    const started = Date.now();
    const error = await providerError(sender({ timeoutMs: 300 }).send(message));
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  describe('lookup after an interrupted send (PullSmsSendStatusByPhoneNumber, SessionContext; issue #9)', () => {
    const query = { mobile: '13800138000', dedupKey: message.dedupKey!, sentAt: FIXED_NOW };
    const at = Math.floor(FIXED_NOW.getTime() / 1000);
    const later = () => new Date(FIXED_NOW.getTime() + 120_000);

    it('finds the receipt echoing our SessionContext, with a signed call for the number since the send', async () => {
      reports.push({ PhoneNumber: '+8613800138000', UserReceiveTime: at + 5, ReportStatus: 'SUCCESS', Description: 'DELIVRD', SerialNo: '2028:abc', SessionContext: message.dedupKey! });
      await expect(sender({ now: later }).lookup(query)).resolves.toEqual({ outcome: 'accepted', providerMessageId: '2028:abc' });
      expect(received).toHaveLength(1);
      const { headers, body, verification } = received[0];
      expect(verification).toEqual({ ok: true });
      expect(headers['x-tc-action']).toBe('PullSmsSendStatusByPhoneNumber');
      expect(headers['x-tc-version']).toBe('2021-01-11');
      expect(body).toEqual({ BeginTime: at - 60, EndTime: at + 120, Offset: 0, Limit: 100, PhoneNumber: '+8613800138000', SmsSdkAppId: '1400006666' });
    });

    it("reports a FAIL receipt as rejected, and another message's receipt or none as unknown", async () => {
      reports.push({ PhoneNumber: '+8613800138000', UserReceiveTime: at + 5, ReportStatus: 'SUCCESS', Description: 'DELIVRD', SerialNo: '2028:x', SessionContext: 'other:sms' });
      await expect(sender({ now: later }).lookup(query)).resolves.toEqual({ outcome: 'unknown', detail: 'tencent: no receipt for it (yet)' });
      reports.push({ PhoneNumber: '+8613800138000', UserReceiveTime: at + 9, ReportStatus: 'FAIL', Description: 'MK:100D', SerialNo: '2028:y', SessionContext: message.dedupKey! });
      await expect(sender({ now: later }).lookup(query)).resolves.toEqual({ outcome: 'rejected', detail: 'tencent: FAIL MK:100D' });
    });

    it('throws a ProviderError when the query is refused (retryable for rate limits)', async () => {
      mode = 'request-limit';
      expect((await providerError(sender({ now: later }).lookup(query))).retryable).toBe(true);
    });
  });
});
