import { UPLOAD_MIME_TYPES } from '@tiaojie/contracts';
import sanitize from 'sanitize-filename';

type Sniffed = { mime: string; ext: string } | undefined;

/** The content type as the bytes say (magic numbers), never as the client claims. */
export async function sniff(bytes: Buffer): Promise<Sniffed> {
  // file-type is ESM-only; Node 20.19+ can require it.
  const { fileTypeFromBuffer } = await import('file-type');
  return fileTypeFromBuffer(bytes);
}

export function isAllowedMime(mime: string): boolean {
  return (UPLOAD_MIME_TYPES as readonly string[]).includes(mime);
}

/**
 * A name safe to store and to put in Content-Disposition: no path, no control or reserved
 * characters, not hidden, bounded length; the extension follows the sniffed type.
 */
export function safeFileName(original: string, ext: string, maxLength: number): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  let name = sanitize(base.normalize('NFC'), { replacement: '_' }).replace(/^\.+/, '').trim();
  const stem = name.replace(/\.[^.]*$/, '') || 'file';
  name = `${stem.slice(0, Math.max(1, maxLength - ext.length - 1))}.${ext}`;
  return name;
}
