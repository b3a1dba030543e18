import { safeFileName, sniff } from './file-sniffer';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082', 'hex');

describe('upload sniffing and names', () => {
  it('knows a PNG by its bytes and a text file pretending to be a PDF as nothing', async () => {
    expect((await sniff(PNG))?.mime).toBe('image/png');
    expect(await sniff(Buffer.from('hello, I am a PDF honestly'))).toBeUndefined();
  });

  it('strips paths, traversal and control characters, and takes the sniffed extension', () => {
    expect(safeFileName('../../etc/passwd', 'png', 120)).toBe('passwd.png');
    expect(safeFileName('..\\..\\windows\\evil.exe', 'pdf', 120)).toBe('evil.pdf');
    expect(safeFileName('身份证\u0000正面.jpg', 'jpg', 120)).toBe('身份证_正面.jpg');
    expect(safeFileName('.hidden', 'png', 120)).toBe('hidden.png');
    expect(safeFileName('', 'png', 120)).toBe('file.png');
    expect(safeFileName('a'.repeat(300) + '.png', 'png', 120)).toHaveLength(120);
  });
});
