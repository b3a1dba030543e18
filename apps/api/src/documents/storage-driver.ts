import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { S3FileStorage } from './s3-storage';
import { FileStorage, LocalFileStorage } from './storage';

const drivers = new WeakMap<AppConfig, FileStorage>();

/** Issue #14: the driver STORAGE_DRIVER names, one per application (every module shares it). */
export function fileStorageFor(config: AppConfig): FileStorage {
  let driver = drivers.get(config);
  if (!driver) {
    const env = config.env;
    driver =
      env.STORAGE_DRIVER === 's3' && env.S3_BUCKET
        ? new S3FileStorage({
            bucket: env.S3_BUCKET,
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: !!env.S3_FORCE_PATH_STYLE,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            sse: env.S3_SSE,
          })
        : new LocalFileStorage(localFilesDir(config));
    drivers.set(config, driver);
  }
  return driver;
}

export function localFilesDir(config: AppConfig) {
  return join(config.dataDir, 'files');
}

/** The provider every feature module that stores files declares. */
export const fileStorageProvider = { provide: FileStorage, inject: [AppConfig], useFactory: fileStorageFor };
