import { configOrExit } from './config/config-or-exit';
import { copyLocalFiles } from './documents/storage-migrate';
import { fileStorageFor, localFilesDir } from './documents/storage-driver';

/**
 * `npm run storage:migrate` (issue #14): copies the files kept on this host's disk
 * (DATA_DIR/files, or the folder given as the first argument) into the bucket that
 * STORAGE_DRIVER=s3 and S3_* name. Safe to run again; exits 1 when a file failed.
 */
async function main() {
  const config = configOrExit(process.env);
  if (config.env.STORAGE_DRIVER !== 's3') {
    console.error('storage:migrate copies into the bucket: set STORAGE_DRIVER=s3 and S3_BUCKET (and S3_ENDPOINT, credentials)');
    process.exit(78);
  }
  const from = process.argv[2] ?? localFilesDir(config);
  const report = await copyLocalFiles(from, fileStorageFor(config), (line) => console.log(line));
  console.log(JSON.stringify(report));
  process.exit(report.failed.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
