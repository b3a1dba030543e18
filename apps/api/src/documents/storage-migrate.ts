import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STORAGE_KEY, type FileStorage } from './storage';

export interface MigrationReport {
  copied: number;
  skipped: number;
  failed: Array<{ key: string; error: string }>;
}

/**
 * Issue #14: copies the files of the local driver (DATA_DIR/files/xx/token) into another
 * driver — the bucket — under the same keys, so the rows that name them need no change.
 * Idempotent: an object already there with the same size is skipped, so the command can be
 * run again after an interruption, and once more after the switch for files written late.
 * Local files are left in place (remove them once the bucket is verified).
 */
export async function copyLocalFiles(root: string, target: FileStorage, log: (line: string) => void = () => undefined): Promise<MigrationReport> {
  const report: MigrationReport = { copied: 0, skipped: 0, failed: [] };
  let folders: string[];
  try {
    folders = await readdir(root);
  } catch {
    log(`no local files under ${root}`);
    return report;
  }
  for (const folder of folders.sort()) {
    const names = await readdir(join(root, folder)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const key = `${folder}/${name}`;
      if (!STORAGE_KEY.test(key)) continue;
      try {
        const bytes = await readFile(join(root, key));
        if ((await target.sizeOf(key)) === bytes.length) {
          report.skipped++;
          continue;
        }
        await target.putAt(key, bytes);
        report.copied++;
      } catch (e) {
        report.failed.push({ key, error: e instanceof Error ? e.message : String(e) });
        log(`failed: ${key}: ${String(e)}`);
      }
    }
  }
  log(`copied ${report.copied}, already there ${report.skipped}, failed ${report.failed.length}`);
  return report;
}
