/**
 * The inputs of fuzz.spec.ts: its seeded random source, the OpenAPI shapes it reads, and the
 * values people and attackers send (R-independent: nothing a user sends may give a 5xx).
 */
/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float() {
    return this.next();
  }
  int(n: number) {
    return Math.floor(this.next() * n);
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  nullable?: boolean;
};
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  params: Array<{ name: string; in: string }>;
  body?: Schema;
  multipart: boolean;
}

export const deep = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { x: v };
  return v;
};

/** Values people and attackers send; each is fine to send anywhere and must never give a 5xx. */
export const EVIL: unknown[] = [
  null,
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x'.repeat(5000),
  '张三'.repeat(600),
  "' OR 1=1 --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\ud83d\ude00',
  '\ud800',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '-1',
  '1e400',
  'NaN',
  0,
  -1,
  1.5,
  2147483648,
  -2147483649,
  99999999999,
  1e300,
  true,
  false,
  [],
  {},
  [null],
  ['x'],
  { x: 1 },
  deep(40),
  '00000000-0000-0000-0000-000000000000',
];
export const STRINGS = [
  'x',
  '张三',
  '李四',
  '13800000001',
  '13800000002',
  '2026-06-30',
  '2026-03-10T02:00:00.000Z',
  '330106',
  '20000.00',
  '123456',
  'other',
  'video',
  'given',
  'payment',
  '杭州',
  '借款两万元，逾期未还。',
];
export const KEYS = [
  'version',
  'body',
  'clientId',
  'open',
  'startsAt',
  'mode',
  'partyIds',
  'note',
  'reason',
  'code',
  'contentHash',
  'consent',
  'noticeSeen',
  'mediatorId',
  'disputeType',
  'facts',
  'claims',
  'text',
  'message',
  'days',
  'toChannelId',
  'kind',
  'documentId',
  'revision',
  'partial',
  'content',
  'obligations',
  'durationMinutes',
  'separate',
  'name',
  'email',
  'disabled',
  '__proto__',
  'constructor',
];
export const QUERY_NAMES = ['afterSeq', 'beforeSeq', 'limit', 'q', 'scope', 'state', 'bucket', 'mobile', 'from', 'to', 'cursor', 'organisationId', 'status'];
export const QUERY_VALUES = [
  '1',
  '0',
  '-1',
  '20',
  '500',
  '501',
  '2147483647',
  '2147483648',
  '99999999999',
  '1.5',
  'abc',
  '%00',
  '%E0%A4%A',
  '',
  'mine',
  'assigned',
  'organisation',
  'MEDIATING',
  'new',
  '13800000001',
  'x'.repeat(300),
  '%27%20OR%201%3D1',
];
export const BAD_SEGMENTS = ['abc', '0', '-1', '%00', '%E0%A4%A', 'x'.repeat(300), '..%2F..%2F', '%20', '%E5%BC%A0', '00000000-0000-0000-0000-000000000000', 'null', 'undefined', '1%2F2'];
