/// <reference types="node" />
/**
 * Issue #12: uploads go through the one client, lib/api.ts, like every other call. A real HTTP
 * server here reads what arrives: a multipart body (not JSON) holding the fields and the file,
 * sent again whole after a refresh; the server's error comes back as an ApiError.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorBody } from '@tiaojie/contracts';
import { api, ApiError, setSessionHint, setUnauthenticatedHandler, upload } from './api';

interface Received {
  method: string;
  path: string;
  contentType: string;
  accept: string;
  fields: Record<string, string>;
  files: { field: string; name: string; type: string; bytes: string }[];
  /** The raw body, when it was not multipart. */
  raw?: string;
}

type Reply = { status: number; body?: unknown };

const received: Received[] = [];
/** Replies by "METHOD /path", answered in order; the last one repeats. */
let routes: Record<string, Reply[]> = {};

async function read(request: IncomingMessage): Promise<Received> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const contentType = request.headers['content-type'] ?? '';
  const base = { method: request.method ?? '', path: request.url ?? '', contentType, accept: request.headers.accept ?? '', fields: {}, files: [] };
  if (!contentType.startsWith('multipart/form-data; boundary=')) return { ...base, raw: bytes.toString('utf8') };
  // Node's own multipart parser, the one behind Response.formData().
  const form = await new Response(bytes, { headers: { 'Content-Type': contentType } }).formData();
  const fields: Record<string, string> = {};
  const files: Received['files'] = [];
  for (const [field, value] of form) {
    if (typeof value === 'string') fields[field] = value;
    else files.push({ field, name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()).toString('hex') });
  }
  return { ...base, fields, files };
}

function answer(request: IncomingMessage, response: ServerResponse, reply: Reply) {
  response.writeHead(reply.status, {
    'Content-Type': 'application/json',
    // The progress upload goes by XMLHttpRequest from jsdom's page origin (localhost:3000).
    'Access-Control-Allow-Origin': request.headers.origin ?? '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers': 'Accept',
  });
  response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.method === 'OPTIONS') return answer(request, response, { status: 204 });
    read(request).then(
      (call) => {
        received.push(call);
        const queue = routes[`${call.method} ${call.path}`];
        const reply = queue ? (queue.length > 1 ? queue.shift()! : queue[0]) : { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'Not found' } };
        answer(request, response, reply);
      },
      () => response.destroy(), // the client went away mid-body (the aborted upload)
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// jsdom's Blob has no stream(), which Node's fetch reads a FormData's files with; a browser's has.
const blobProto: { stream?: unknown } = Blob.prototype;
const hadStream = typeof blobProto.stream === 'function';
beforeAll(() => {
  if (hadStream) return;
  Object.defineProperty(blobProto, 'stream', {
    configurable: true,
    value(this: Blob) {
      const bytes = this.arrayBuffer();
      return new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new Uint8Array(await bytes));
          controller.close();
        },
      });
    },
  });
});
afterAll(() => {
  if (!hadStream) delete blobProto.stream;
});

const onUnauthenticated = vi.fn();
let inits: RequestInit[] = [];
const nodeFetch = globalThis.fetch;

/** The client asks for /api/... on the page's origin; here that origin is `origin`. */
function fetchFrom(origin: string) {
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    inits.push(init);
    return nodeFetch(new URL(String(input), origin), init);
  });
}

beforeEach(() => {
  received.length = 0;
  routes = {};
  inits = [];
  setUnauthenticatedHandler(onUnauthenticated);
  onUnauthenticated.mockReset();
  fetchFrom(base);
});
afterEach(() => vi.unstubAllGlobals());

/** jsdom's XMLHttpRequest resolves /api/... against its page (localhost:3000); send it to the test server. */
function xhrToTestServer() {
  const PageXhr = XMLHttpRequest;
  class ToTestServer extends PageXhr {
    override open(method: string, url: string | URL) {
      super.open(method, new URL(String(url), base).href);
    }
  }
  vi.stubGlobal('XMLHttpRequest', ToTestServer);
}

const error = (status: number, code: ErrorBody['code'], message: string, fields?: ErrorBody['fields']): Reply => ({ status, body: { statusCode: status, code, message, fields } });

function receipt() {
  return new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])], '收据.png', { type: 'image/png' });
}

function form(fields: Record<string, string>, file: File) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file, file.name);
  return body;
}

/** receipt()'s bytes, as hex. */
const PNG = '89504e470d0a';

describe('issue #12: uploads through api()', () => {
  it('sends a FormData body as multipart, with the fields and the file, cookies included, and parses the answer', async () => {
    routes['POST /api/cases/c-1/documents'] = [{ status: 201, body: { id: 'd-1', fileName: '收据.png' } }];
    const answer = await api<{ id: string }>('/api/cases/c-1/documents', { method: 'POST', body: form({ kind: 'evidence' }, receipt()) });
    expect(answer).toEqual({ id: 'd-1', fileName: '收据.png' });
    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.raw).toBeUndefined();
    expect(call.accept).toBe('application/json');
    expect(call.fields).toEqual({ kind: 'evidence' });
    expect(call.files).toEqual([{ field: 'file', name: '收据.png', type: 'image/png', bytes: PNG }]);
    expect(inits[0].credentials).toBe('include');
    expect(new Headers(inits[0].headers).has('Content-Type')).toBe(false); // the browser writes it, with the boundary
  });

  it('refreshes an expired session once and sends the same form again', async () => {
    routes['POST /api/complaints/k-1/evidence'] = [error(401, 'SESSION_EXPIRED', 'Session expired'), { status: 201, body: { id: 'e-1' } }];
    routes['POST /api/auth/refresh'] = [{ status: 200, body: {} }];
    const body = form({ note: '转账记录' }, receipt());
    await expect(api('/api/complaints/k-1/evidence', { method: 'POST', body })).resolves.toEqual({ id: 'e-1' });
    expect(received.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/complaints/k-1/evidence', 'POST /api/auth/refresh', 'POST /api/complaints/k-1/evidence']);
    const [first, , retry] = received;
    expect(retry.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(retry.fields).toEqual(first.fields);
    expect(retry.files).toEqual(first.files);
    expect(retry.files).toEqual([{ field: 'file', name: '收据.png', type: 'image/png', bytes: PNG }]);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it("turns the server's 4xx into an ApiError with its code and fields", async () => {
    const fields = [{ field: 'file', constraint: 'fileType', message: 'file type not allowed' }];
    routes['POST /api/channels/ch-1/attachments'] = [error(400, 'VALIDATION_FAILED', 'Validation failed', fields)];
    const failure = await api('/api/channels/ch-1/attachments', { method: 'POST', body: form({}, receipt()) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(400);
    expect((failure as ApiError).code).toBe('VALIDATION_FAILED');
    expect((failure as ApiError).body.fields).toEqual(fields);
    expect(received[0].files).toHaveLength(1);
  });

  it('reports a server that cannot be reached as NETWORK', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    fetchFrom(gone);
    const failure = (await api('/api/me/photo', { method: 'POST', body: form({}, receipt()) }).catch((e: unknown) => e)) as ApiError;
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure.code).toBe('SERVICE_UNAVAILABLE');
    expect(failure.translationKey).toBe('NETWORK');
  });
});

describe('issue #12: upload()', () => {
  it('posts the fields before the file, leaving out the ones without a value', async () => {
    routes['POST /api/verify'] = [{ status: 200, body: { match: true } }];
    const file = new File(['%PDF-1.7'], 'agreement.pdf', { type: 'application/pdf' });
    await expect(upload('POST /api/verify', { file, fields: { code: 'ABCDEFGHJKLM', note: undefined } })).resolves.toEqual({ match: true });
    expect(received[0].fields).toEqual({ code: 'ABCDEFGHJKLM' });
    expect(received[0].files).toEqual([{ field: 'file', name: 'agreement.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7').toString('hex') }]);
  });

  it('reports progress when asked, refreshing and retrying like any call', async () => {
    xhrToTestServer();
    routes['POST /api/cases/c-2/documents'] = [error(401, 'SESSION_EXPIRED', 'Session expired'), { status: 201, body: { id: 'd-2' } }];
    routes['POST /api/auth/refresh'] = [{ status: 200, body: {} }];
    const progress: number[] = [];
    await expect(
      upload('POST /api/cases/:id/documents', { params: { id: 'c-2' }, file: receipt(), fields: { kind: 'evidence' }, onUploadProgress: (percent) => progress.push(percent) }),
    ).resolves.toEqual({ id: 'd-2' });
    const uploads = received.filter((call) => call.path === '/api/cases/c-2/documents');
    expect(uploads).toHaveLength(2);
    for (const call of uploads) {
      expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(call.accept).toBe('application/json');
      expect(call.fields).toEqual({ kind: 'evidence' });
      expect(call.files).toEqual([{ field: 'file', name: '收据.png', type: 'image/png', bytes: PNG }]);
    }
    // All of it sent is 99 until the server has accepted it; then 100, once.
    expect(progress).toContain(99);
    expect(progress.slice(0, -1).every((percent) => percent <= 99)).toBe(true);
    expect(progress.at(-1)).toBe(100);
  });

  it('an upload with progress that is aborted while under way rejects as an abort, not a network error', async () => {
    xhrToTestServer();
    routes['POST /api/cases/c-3/documents'] = [{ status: 201, body: { id: 'd-3' } }];
    const controller = new AbortController();
    const failure = await upload('POST /api/cases/:id/documents', { params: { id: 'c-3' }, file: receipt(), signal: controller.signal, onUploadProgress: () => controller.abort() }).catch(
      (e: unknown) => e,
    );
    expect(failure).not.toBeInstanceOf(ApiError);
    expect((failure as DOMException).name).toBe('AbortError');
  });

  it('an anonymous upload whose session cannot be restored throws without going to /login, when asked', async () => {
    setSessionHint(false);
    routes['POST /api/verify'] = [error(401, 'UNAUTHENTICATED', 'Log in first')];
    const failure = await upload('POST /api/verify', { file: receipt(), onUnauthenticated: 'throw' }).catch((e: unknown) => e);
    expect((failure as ApiError).code).toBe('UNAUTHENTICATED');
    expect(received.map((call) => call.path)).toEqual(['/api/verify']); // no refresh for a visitor without a session
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
