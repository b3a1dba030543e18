import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { setUnauthenticatedHandler } from '../../../lib/api';
import { verifyByFile } from './settlement-api';

const pdf = () => new File(['%PDF-1.7'], 'agreement.pdf', { type: 'application/pdf' });
const sentForm = (fetchMock: ReturnType<typeof mockFetch>['fetchMock']) => (fetchMock.mock.calls[0][1] as RequestInit).body as FormData;

describe('issue #12: verifyByFile goes through the client and stays public', () => {
  const onUnauthenticated = vi.fn();
  setUnauthenticatedHandler(onUnauthenticated);
  afterEach(() => onUnauthenticated.mockReset());

  it('sends the PDF with the trimmed code, and no code field when none was typed', async () => {
    const { fetchMock } = mockFetch({ 'POST /api/verify': json(200, { match: true }) });
    await expect(verifyByFile(pdf(), '  ABCDEFGHJKLM ')).resolves.toEqual({ match: true });
    expect(sentForm(fetchMock).get('code')).toBe('ABCDEFGHJKLM');
    expect((sentForm(fetchMock).get('file') as File).name).toBe('agreement.pdf');
    fetchMock.mockClear();
    await verifyByFile(pdf(), '   ');
    expect(sentForm(fetchMock).has('code')).toBe(false);
  });

  it('a visitor refused with 401 gets the error, and is not sent to /login', async () => {
    mockFetch({ 'POST /api/verify': errorReply(401, 'UNAUTHENTICATED', 'Log in first') });
    await expect(verifyByFile(pdf())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
