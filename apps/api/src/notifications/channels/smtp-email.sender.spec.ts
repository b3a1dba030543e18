import { createHash } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ProviderError } from '../../sms/sms-sender';
import { renderEmailHtml } from './email-layout';
import { EmailMessage } from './email-sender';
import { SmtpEmailSender } from './smtp-email.sender';
import { rejectionOf } from '../../../test/rejection';

/** A real SMTP server on 127.0.0.1 receives what nodemailer sends; the raw RFC 822 text is checked by hand. */

type Mode = 'accept' | 'reject-550' | 'defer-451' | 'defer-421';

/** Headers of an RFC 822 entity, unfolded, names lower-cased. */
function parseEntity(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes: number[] = [];
      const text = body.replace(/=\r\n/g, '');
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
          bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(...Buffer.from(text[i], 'utf8'));
      }
      return Buffer.from(bytes).toString('utf8');
    }
    default:
      return body;
  }
}

/** The parts of a multipart entity by content type (one level, which is what text + html gives). */
function parts(entity: { headers: Map<string, string>; body: string }): Map<string, string> {
  const boundary = /boundary="?([^";]+)"?/.exec(entity.headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error('not multipart');
  const out = new Map<string, string>();
  for (const chunk of entity.body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = parseEntity(chunk.replace(/^\r\n/, ''));
    const type = (part.headers.get('content-type') ?? '').split(';')[0].trim();
    out.set(type, decodeBody(part.body.replace(/\r\n$/, ''), part.headers.get('content-transfer-encoding')));
  }
  return out;
}

describe('SmtpEmailSender', () => {
  let server: SMTPServer;
  let port: number;
  let mode: Mode = 'accept';
  const messages: { raw: string; rcptTo: string[]; mailFrom: string }[] = [];
  const senders: SmtpEmailSender[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'], // plain local test server, no self-signed certificate to trust
      logger: false,
      onRcptTo(_address, _session, callback) {
        const code = { accept: 0, 'reject-550': 550, 'defer-451': 451, 'defer-421': 421 }[mode];
        if (!code) return callback();
        callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          messages.push({
            raw: Buffer.concat(chunks).toString('utf8'),
            rcptTo: session.envelope.rcptTo.map((a) => a.address),
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const s of senders) s.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    mode = 'accept';
    messages.length = 0;
  });

  const sender = (url = `smtp://127.0.0.1:${port}`) => {
    const s = new SmtpEmailSender({ url, from: '调解平台 <noreply@tiaojie.example>', timeoutMs: 3000 });
    senders.push(s);
    return s;
  };

  const name = '<script>alert(1)</script>';
  const subject = '您的调解案件有新进展';
  const text = `${name}您好：\n案件TJ-2024-001已受理，请登录查看。`;
  const message: EmailMessage = {
    to: 'party@example.cn',
    subject,
    text,
    html: renderEmailHtml({
      title: subject,
      paragraphs: [`${name}您好：`, '案件TJ-2024-001已受理，请登录查看。'],
      link: { href: 'https://tiaojie.example/cases/1?a=1&b=2', label: '查看案件' },
      footer: '此邮件由系统自动发送，请勿回复。',
      lang: 'zh-CN',
    }),
    dedupKey: 'case_accepted:case-1:user-7:email',
    locale: 'zh-CN',
  };

  const providerError = (promise: Promise<unknown>) => rejectionOf(promise, ProviderError);

  it('is not idempotent', () => {
    expect(sender().idempotent).toBe(false);
  });

  it('delivers a zh-CN message with an encoded subject, deterministic Message-ID, text and escaped HTML parts', async () => {
    const expectedId = `<${createHash('sha256').update('case_accepted:case-1:user-7:email').digest('hex').slice(0, 32)}@tiaojie.example>`;
    await expect(sender().send(message)).resolves.toEqual({ providerMessageId: expectedId });
    expect(messages).toHaveLength(1);
    const { raw, rcptTo, mailFrom } = messages[0];
    expect(rcptTo).toEqual(['party@example.cn']);
    expect(mailFrom).toBe('noreply@tiaojie.example');

    const entity = parseEntity(raw);
    const subjectHeader = entity.headers.get('subject') ?? '';
    const words = [...subjectHeader.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)];
    expect(words.length).toBeGreaterThan(0);
    expect(Buffer.concat(words.map((w) => Buffer.from(w[1], 'base64'))).toString('utf8')).toBe(subject);
    expect(entity.headers.get('message-id')).toBe(expectedId);
    expect(entity.headers.get('x-tiaojie-dedup-key')).toBe('case_accepted:case-1:user-7:email');
    expect(entity.headers.get('content-language')).toBe('zh-CN');
    expect(entity.headers.get('content-type')).toMatch(/^multipart\/alternative;/);

    const bodies = parts(entity);
    expect([...bodies.keys()].sort()).toEqual(['text/html', 'text/plain']);
    expect(bodies.get('text/plain')?.replace(/\r\n/g, '\n')).toBe(text);
    const html = bodies.get('text/html') ?? '';
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;您好：');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="https://tiaojie.example/cases/1?a=1&amp;b=2"');
  });

  it('sends the same Message-ID again for the same dedupKey', async () => {
    const first = await sender().send(message);
    const second = await sender().send(message);
    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect(parseEntity(messages[1].raw).headers.get('message-id')).toBe(first.providerMessageId);
  });

  it('maps a 550 recipient rejection to a permanent failure', async () => {
    mode = 'reject-550';
    const error = await providerError(sender().send(message));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('550');
    expect(messages).toHaveLength(0);
  });

  it.each([['defer-451' as Mode], ['defer-421' as Mode]])('maps a %s reply to a retryable failure', async (m) => {
    mode = m;
    const error = await providerError(sender().send(message));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(m.slice(-3));
  });

  it('maps a refused connection to a retryable failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await providerError(sender(`smtp://127.0.0.1:${free}`).send(message))).retryable).toBe(true);
  });

  it('rejects a URL that is not smtp:// or smtps://', () => {
    expect(() => new SmtpEmailSender({ url: 'http://mail.example', from: 'a@b.c' })).toThrow(/smtp/);
  });
});
