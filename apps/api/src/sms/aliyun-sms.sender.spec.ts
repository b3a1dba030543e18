import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProviderError, SmsMessage } from './sms-sender';
import { AliyunSmsOptions, AliyunSmsSender } from './aliyun-sms.sender';
import { rejectionOf } from '../../test/rejection';

/** What the stand-in took: QuerySendDetails answers from it (SendDate as China's calendar day). */
interface Detail {
  PhoneNum: string;
  SendStatus: number;
  OutId: string;
  day: string;
  ErrCode?: string;
}

/**
 * A local stand-in for dysmsapi.aliyuncs.com that verifies the RPC v1 signature with its own
 * implementation of the documented algorithm (not the sender's helpers).
 */

const ACCESS_KEY_ID = 'testid';
const ACCESS_KEY_SECRET = 'testsecret';
const FIXED_NOW = new Date('2024-01-02T03:04:05.678Z');

/** RFC 3986 byte by byte: unreserved characters stay, every other UTF-8 byte becomes %XX. */
function rfc3986(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function expectedSignature(params: Map<string, string>, secret: string): string {
  const canonical = [...params.keys()]
    .filter((k) => k !== 'Signature')
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((k) => `${rfc3986(k)}=${rfc3986(params.get(k) ?? '')}`)
    .join('&');
  const stringToSign = `GET&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

type Mode = 'ok' | 'business-limit' | 'throttling' | 'bad-number' | 'http-500' | 'hang';

interface Received {
  method: string;
  path: string;
  params: Map<string, string>;
  signatureValid: boolean;
}

describe('AliyunSmsSender', () => {
  let server: Server;
  let endpoint: string;
  let mode: Mode = 'ok';
  const received: Received[] = [];
  const details: Detail[] = [];

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const params = new Map<string, string>();
      for (const [k, v] of url.searchParams) params.set(k, v);
      const signatureValid = params.get('Signature') === expectedSignature(params, ACCESS_KEY_SECRET);
      received.push({ method: req.method ?? '', path: url.pathname, params, signatureValid });
      if (!signatureValid) return reply(res, 400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'r-sig' });
      if (params.get('Action') === 'QuerySendDetails') {
        if (mode === 'http-500') return reply(res, 500, { Code: 'isp.SYSTEM_ERROR', Message: 'busy', RequestId: 'r-q500' });
        if (!params.get('PhoneNumber') || !/^\d{8}$/.test(params.get('SendDate') ?? '') || !params.get('PageSize') || !params.get('CurrentPage')) {
          return reply(res, 400, { Code: 'MissingParameter', Message: 'PhoneNumber, SendDate, PageSize and CurrentPage are required', RequestId: 'r-q400' });
        }
        const rows = details.filter((d) => d.PhoneNum === params.get('PhoneNumber') && d.day === params.get('SendDate'));
        const size = Number(params.get('PageSize'));
        const page = Number(params.get('CurrentPage'));
        const dtos = rows.slice((page - 1) * size, page * size).map(({ day: _day, ...d }) => ({ ...d, TemplateCode: 'SMS_123456789', Content: '…' }));
        return reply(res, 200, { Code: 'OK', Message: 'OK', RequestId: 'r-q', TotalCount: rows.length, SmsSendDetailDTOs: { SmsSendDetailDTO: dtos } });
      }
      switch (mode) {
        case 'ok':
          // FIXED_NOW, 2024-01-02T03:04:05Z, is 2 January in China.
          details.push({ PhoneNum: params.get('PhoneNumbers') ?? '', SendStatus: 1, OutId: params.get('OutId') ?? '', day: '20240102' });
          return reply(res, 200, { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'r-ok' });
        case 'business-limit':
          return reply(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'r-limit' });
        case 'throttling':
          return reply(res, 400, { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', RequestId: 'r-thr' });
        case 'bad-number':
          return reply(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r-num' });
        case 'http-500':
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end('internal error');
        case 'hang':
          return; // never answers
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    mode = 'ok';
    received.length = 0;
    details.length = 0;
  });

  const sender = (overrides: Partial<AliyunSmsOptions> = {}) =>
    new AliyunSmsSender({
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      signName: '调解平台',
      endpoint,
      templateCodes: { case_submitted: 'SMS_123456789' },
      defaultTemplateCode: 'SMS_000000001',
      timeoutMs: 1000,
      now: () => FIXED_NOW,
      nonce: () => 'nonce-0001',
      ...overrides,
    });

  const message: SmsMessage = {
    mobile: '13800138000',
    body: '【调解平台】案件TJ(2024)*001已提交。',
    template: 'case_submitted',
    params: { caseNumber: 'TJ(2024)*001' },
    dedupKey: 'case_submitted:r1:sms',
  };

  const providerError = (promise: Promise<unknown>) => rejectionOf(promise, ProviderError);

  it('is not idempotent', () => {
    expect(sender().idempotent).toBe(false);
  });

  it('sends a signed SendSms request with every required parameter and returns the BizId', async () => {
    await expect(sender().send(message)).resolves.toEqual({ providerMessageId: '900619746936498440^0' });
    expect(received).toHaveLength(1);
    const { method, path, params, signatureValid } = received[0];
    expect(method).toBe('GET');
    expect(path).toBe('/');
    expect(signatureValid).toBe(true);
    expect(Object.fromEntries([...params].filter(([k]) => k !== 'Signature'))).toEqual({
      Format: 'JSON',
      Version: '2017-05-25',
      AccessKeyId: ACCESS_KEY_ID,
      SignatureMethod: 'HMAC-SHA1',
      Timestamp: '2024-01-02T03:04:05Z',
      SignatureVersion: '1.0',
      SignatureNonce: 'nonce-0001',
      Action: 'SendSms',
      PhoneNumbers: '13800138000',
      SignName: '调解平台',
      TemplateCode: 'SMS_123456789',
      TemplateParam: '{"caseNumber":"TJ(2024)*001"}',
      OutId: 'case_submitted:r1:sms',
    });
    // Fixed vector, computed by hand in the shell from the same inputs (canonicalised query written out
    // percent-encoded by hand, the outer encoding done with sed):
    //   CANON='AccessKeyId=testid&Action=SendSms&Format=JSON&OutId=case_submitted%3Ar1%3Asms&PhoneNumbers=13800138000&SignName=%E8%B0%83%E8%A7%A3%E5%B9%B3%E5%8F%B0&SignatureMethod=HMAC-SHA1&SignatureNonce=nonce-0001&SignatureVersion=1.0&TemplateCode=SMS_123456789&TemplateParam=%7B%22caseNumber%22%3A%22TJ%282024%29%2A001%22%7D&Timestamp=2024-01-02T03%3A04%3A05Z&Version=2017-05-25'
    //   STS="GET&%2F&$(printf '%s' "$CANON" | sed -e 's/%/%25/g' -e 's/=/%3D/g' -e 's/&/%26/g')"
    //   printf '%s' "$STS" | openssl dgst -sha1 -hmac 'testsecret&' -binary | base64
    //   → ZUVqLV63NB9SlLP36mydA48307A=
    expect(params.get('Signature')).toBe('ZUVqLV63NB9SlLP36mydA48307A=');
    expect(sender().signedParams(message).Signature).toBe('ZUVqLV63NB9SlLP36mydA48307A=');
  });

  it('normalises +86 numbers to the 11 digits and uses the default template for unregistered ones', async () => {
    await sender().send({ mobile: '+86 138-0013-8000', body: '【调解平台】您有一条新消息。', template: 'unregistered', dedupKey: 'k' });
    const { params, signatureValid } = received[0];
    expect(signatureValid).toBe(true);
    expect(params.get('PhoneNumbers')).toBe('13800138000');
    expect(params.get('TemplateCode')).toBe('SMS_000000001');
    expect(JSON.parse(params.get('TemplateParam') ?? '')).toEqual({ content: '您有一条新消息。' });
  });

  it('truncates a long dedupKey for OutId', async () => {
    await sender().send({ ...message, dedupKey: 'x'.repeat(300) });
    expect(received[0].params.get('OutId')).toBe('x'.repeat(64));
  });

  it('refuses, without calling, a template with no code when there is no default, and a non-mainland number', async () => {
    expect((await providerError(sender({ defaultTemplateCode: undefined }).send({ ...message, template: 'other' }))).retryable).toBe(false);
    expect((await providerError(sender().send({ ...message, mobile: '12345' }))).retryable).toBe(false);
    expect(received).toHaveLength(0);
  });

  it('fails the server-side verification with a tampered secret (not retryable)', async () => {
    const error = await providerError(sender({ accessKeySecret: 'testsecreT' }).send(message));
    expect(received[0].signatureValid).toBe(false);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('SignatureDoesNotMatch');
  });

  it('classifies provider answers', async () => {
    mode = 'business-limit';
    expect((await providerError(sender().send(message))).retryable).toBe(true);
    mode = 'throttling';
    expect((await providerError(sender().send(message))).retryable).toBe(true);
    mode = 'bad-number';
    const bad = await providerError(sender().send(message));
    expect(bad.retryable).toBe(false);
    expect(bad.message).toContain('isv.MOBILE_NUMBER_ILLEGAL');
    mode = 'http-500';
    expect((await providerError(sender().send(message))).retryable).toBe(true);
    expect(received.every((r) => r.signatureValid)).toBe(true);
  });

  it('gives up after timeoutMs when the provider hangs (retryable)', async () => {
    mode = 'hang';
    const started = Date.now();
    const error = await providerError(sender({ timeoutMs: 300 }).send(message));
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(received).toHaveLength(1);
  });

  it('treats a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await providerError(sender({ endpoint: `http://127.0.0.1:${port}` }).send(message))).retryable).toBe(true);
  });

  describe('lookup after an interrupted send (QuerySendDetails by phone, send date and OutId; issue #9)', () => {
    const query = { mobile: '+86 138-0013-8000', dedupKey: message.dedupKey!, sentAt: FIXED_NOW };

    it('finds a message it took by its OutId, with a signed QuerySendDetails for the number and the day in China', async () => {
      await sender().send(message);
      received.length = 0;
      await expect(sender().lookup(query)).resolves.toEqual({ outcome: 'accepted', providerMessageId: null });
      expect(received).toHaveLength(1);
      const { params, signatureValid } = received[0];
      expect(signatureValid).toBe(true);
      expect(Object.fromEntries([...params].filter(([k]) => ['Action', 'Version', 'PhoneNumber', 'SendDate', 'PageSize', 'CurrentPage'].includes(k)))).toEqual({
        Action: 'QuerySendDetails',
        Version: '2017-05-25',
        PhoneNumber: '13800138000',
        SendDate: '20240102',
        PageSize: '50',
        CurrentPage: '1',
      });
    });

    it('says absent when the number has no message with our OutId (so a re-send cannot double it)', async () => {
      details.push({ PhoneNum: '13800138000', SendStatus: 3, OutId: 'someone-else:sms', day: '20240102' });
      await expect(sender().lookup(query)).resolves.toEqual({ outcome: 'absent' });
    });

    it('pages through a busy number, and reports an undelivered one as rejected', async () => {
      for (let i = 0; i < 60; i++) details.push({ PhoneNum: '13800138000', SendStatus: 3, OutId: `other-${i}`, day: '20240102' });
      details.push({ PhoneNum: '13800138000', SendStatus: 2, OutId: message.dedupKey!, day: '20240102', ErrCode: 'MOBILE_NOT_ON_SERVICE' });
      await expect(sender().lookup(query)).resolves.toEqual({ outcome: 'rejected', detail: 'aliyun: undelivered (MOBILE_NOT_ON_SERVICE)' });
      expect(received.map((r) => r.params.get('CurrentPage'))).toEqual(['1', '2']);
    });

    it('searches the next day too when the call started just before midnight in China', async () => {
      details.push({ PhoneNum: '13800138000', SendStatus: 3, OutId: message.dedupKey!, day: '20240103' });
      const s = sender({ now: () => new Date('2024-01-02T16:00:30Z') });
      await expect(s.lookup({ ...query, sentAt: new Date('2024-01-02T15:59:59Z') })).resolves.toEqual({ outcome: 'accepted', providerMessageId: null });
      expect(received.map((r) => r.params.get('SendDate'))).toEqual(['20240102', '20240103']);
    });

    it('throws a retryable ProviderError when the query itself fails', async () => {
      mode = 'http-500';
      expect((await providerError(sender().lookup(query))).retryable).toBe(true);
    });
  });
});
