import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomToken } from '../common/crypto';

/**
 * Where uploaded bytes live. Keys are random (never derived from a file name or case), and
 * files are only ever served through an authorised endpoint.
 */
export abstract class FileStorage {
  abstract put(bytes: Buffer): Promise<string>;
  abstract get(key: string): Promise<Buffer>;
  abstract delete(key: string): Promise<void>;
}

/** The default driver: a folder under DATA_DIR. */
export class LocalFileStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  private pathOf(key: string) {
    if (!/^[A-Za-z0-9_-]{2}\/[A-Za-z0-9_-]{20,}$/.test(key)) throw new Error('bad storage key');
    return join(this.root, key);
  }

  async put(bytes: Buffer) {
    const token = randomToken(24);
    const key = `${token.slice(0, 2)}/${token}`;
    const path = this.pathOf(key);
    await mkdir(resolve(path, '..'), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
    return key;
  }

  get(key: string) {
    return readFile(this.pathOf(key));
  }

  async delete(key: string) {
    await rm(this.pathOf(key), { force: true });
  }
}
