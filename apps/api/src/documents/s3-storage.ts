import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { checkedKey, FileStorage, newStorageKey } from './storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** MinIO, Aliyun OSS, Tencent COS…; unset: AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Server-side encryption on every put; `none` leaves the header off. */
  sse: 'AES256' | 'aws:kms' | 'none';
}

/**
 * Issue #14: an S3-compatible bucket, so every API process (on any host) reads the files any
 * other stored. Objects are private (no ACL, no public URL): downloads go through the API's
 * access check, which streams the bytes itself. Keys are the same random `xx/token` as on
 * disk, so `npm run storage:migrate` copies local files under their stored keys.
 */
export class S3FileStorage extends FileStorage {
  readonly client: S3Client;

  constructor(readonly options: S3StorageOptions) {
    super();
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
      // Only the checksums S3 requires: Aliyun OSS, Tencent COS and older MinIO refuse the
      // newer default CRC32 trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(bytes: Buffer) {
    const key = newStorageKey();
    await this.putAt(key, bytes);
    return key;
  }

  async putAt(key: string, bytes: Buffer) {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: checkedKey(key),
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
        ...(this.options.sse === 'none' ? {} : { ServerSideEncryption: this.options.sse }),
      }),
    );
  }

  async get(key: string) {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: checkedKey(key) }));
    if (!res.Body) throw new Error(`storage object ${key} has no body`);
    return Buffer.from(await res.Body.transformToByteArray());
  }

  async delete(key: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: checkedKey(key) }));
  }

  async sizeOf(key: string) {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: checkedKey(key) }));
      return head.ContentLength ?? 0;
    } catch (e) {
      if (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404) return null;
      throw e;
    }
  }

  destroy() {
    this.client.destroy();
  }
}
