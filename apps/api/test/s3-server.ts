import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver has no type declarations.
const S3rver = require('s3rver');

export interface S3Request {
  method: string;
  /** Without the query string (the SDK adds ?x-id=PutObject…). */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestS3 {
  /** The endpoint the API is given: a recording proxy in front of s3rver. */
  endpoint: string;
  bucket: string;
  /** STORAGE_DRIVER=s3 and the rest, for startTestApp or a child process. */
  env: Record<string, string>;
  /** Every request the API sent, as it arrived on the wire. */
  requests: S3Request[];
  keys: () => Promise<string[]>;
  close: () => Promise<void>;
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

/**
 * Issue #14: a real S3 protocol server (s3rver, files in a temporary folder) on a random port,
 * behind a small HTTP proxy that records each request's method, path and headers — s3rver
 * accepts `x-amz-server-side-encryption` but neither stores nor echoes it, so the proxy is
 * where a test sees that the API asked for encryption.
 */
export async function startS3(): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'tiaojie-s3-'));
  const bucket = 'tiaojie-test';
  const s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port: s3Port } = (await s3rver.run()) as { port: number };
  const requests: S3Request[] = [];
  const proxy = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: decodeURIComponent((req.url ?? '').split('?')[0]), headers: req.headers });
    const upstream = request({ host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const endpoint = `http://127.0.0.1:${await listen(proxy)}`;
  const env = {
    STORAGE_DRIVER: 's3',
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  };
  const client = new S3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${s3Port}`, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    endpoint,
    bucket,
    env,
    requests,
    keys: async () => ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key ?? '').sort(),
    close: async () => {
      client.destroy();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      await s3rver.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
