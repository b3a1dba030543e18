import { describe, expect, it, vi } from 'vitest';
import { consumeOpenedReceipt } from './opened-receipt';

function fakeWindow(href: string) {
  const location = { href };
  const history = {
    state: { idx: 0 },
    replaceState: vi.fn((_state: unknown, _title: string, url: string) => {
      location.href = new URL(url, href).href;
    }),
  };
  return { location, history } as unknown as Pick<Window, 'location' | 'history'> & { history: { replaceState: ReturnType<typeof vi.fn> } };
}

describe('link-open receipt', () => {
  it('records an opened link once and takes ?n= out of the address, keeping the rest', () => {
    const id = '0b6f1c2e-4a5b-4c3d-8e9f-0123456789ab';
    const win = fakeWindow(`https://tiaojie.example.cn/cases/c-1?tab=x&n=${id}#top`);
    const send = vi.fn(async () => new Response(null, { status: 204 }));

    expect(consumeOpenedReceipt(win, send)).toBe(id);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(`/api/notifications/${id}/opened`, expect.objectContaining({ method: 'POST' }));
    expect(win.location.href).toBe('https://tiaojie.example.cn/cases/c-1?tab=x#top');

    // The address no longer carries it: a second start (a reload) sends nothing.
    expect(consumeOpenedReceipt(win, send)).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('drops a parameter that is no notice id without calling the API, and leaves other addresses alone', () => {
    const send = vi.fn(async () => new Response(null, { status: 204 }));
    const bad = fakeWindow('https://tiaojie.example.cn/home?n=../../admin');
    expect(consumeOpenedReceipt(bad, send)).toBeNull();
    expect(bad.location.href).toBe('https://tiaojie.example.cn/home');
    const plain = fakeWindow('https://tiaojie.example.cn/home?next=%2Fcases');
    expect(consumeOpenedReceipt(plain, send)).toBeNull();
    expect(plain.history.replaceState).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it('does not break the page when the receipt cannot be sent', async () => {
    const send = vi.fn(async () => {
      throw new TypeError('offline');
    });
    const win = fakeWindow('https://tiaojie.example.cn/cases/c-1?n=0b6f1c2e-4a5b-4c3d-8e9f-0123456789ab');
    expect(() => consumeOpenedReceipt(win, send)).not.toThrow();
    await Promise.resolve();
    expect(win.location.href).toBe('https://tiaojie.example.cn/cases/c-1');
  });
});
