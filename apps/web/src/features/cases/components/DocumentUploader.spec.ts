import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import '../../../locales/filing';
import { checkFile } from './DocumentUploader';

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, { ns: 'filing', ...options });

function file(name: string, type: string, size: number): File {
  const f = new File(['x'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

describe('checking a file before uploading it', () => {
  it('follows UPLOAD_LIMITS and UPLOAD_MIME_TYPES, in the user’s language', () => {
    expect(checkFile(file('id.png', 'image/png', 2048), 'id_card', t)).toBeNull();
    expect(checkFile(file('contract.pdf', 'application/pdf', 15 * 1024 * 1024), 'evidence', t)).toBeNull();
    expect(checkFile(file('big.jpg', 'image/jpeg', 11 * 1024 * 1024), 'evidence', t)).toBe('big.jpg 太大了：图片最大 10 MB，其他文件最大 20 MB。');
    expect(checkFile(file('huge.pdf', 'application/pdf', 21 * 1024 * 1024), 'evidence', t)).toMatch(/^huge\.pdf 太大了/);
    expect(checkFile(file('notes.txt', 'text/plain', 10), 'evidence', t)).toBe('notes.txt 的格式不支持：请上传图片、PDF、Office 文档、音频或视频。');
    expect(checkFile(file('id.mp4', 'video/mp4', 10), 'id_card', t)).toBe('身份证请上传图片或 PDF。');
    expect(checkFile(file('empty.png', 'image/png', 0), 'evidence', t)).toBe('文件是空的');
    // Phones sometimes give no type (HEIC, AMR): the server decides by the bytes.
    expect(checkFile(file('photo.heic', '', 2048), 'evidence', t)).toBeNull();
  });
});
