import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelView } from '@tiaojie/contracts';
import { AppProviders } from '../../../app/providers';
import { createQueryClient } from '../../../lib/query-client';
import '../../../locales/mediation';
import type { MediationRoom } from '../room';
import { Composer } from './Composer';
import { MediationContext, type MediationContextValue } from './MediationContext';

const uploadAttachment = vi.fn();
vi.mock('../api/mediation-api', () => ({ uploadAttachment: (...args: unknown[]) => uploadAttachment(...args) }));

beforeAll(() => {
  // jsdom has no object URLs.
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});

const channel: ChannelView = { id: 'ch-1', caseId: 'c-1', kind: 'caucus', partyId: 'p-1', partyName: '张三', open: true, lastSeq: 0, readSeq: 0, readers: [], members: [], jointCall: null };

function renderComposer() {
  const room = { send: vi.fn(), setTyping: vi.fn() } as unknown as MediationRoom;
  const value = { caseId: 'c-1', room, isMediator: false } as unknown as MediationContextValue;
  render(
    <AppProviders queryClient={createQueryClient()}>
      <MediationContext.Provider value={value}>
        <Composer channel={channel} disabledReason={null} />
      </MediationContext.Provider>
    </AppProviders>,
  );
  return room;
}

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], '借条.png', { type: 'image/png' });

describe('Composer attachments', () => {
  it('a chosen image is previewed and can be removed; nothing is uploaded or sent before "send"', async () => {
    const room = renderComposer();
    fireEvent.change(screen.getByTestId('composer-file'), { target: { files: [png()] } });
    expect(await screen.findByTestId('composer-pending-thumb')).toHaveAttribute('src', 'blob:preview');
    expect(screen.getByTestId('composer-pending-open')).toHaveTextContent('借条.png');
    expect(screen.getByTestId('composer-pending-size')).toHaveTextContent(/\d/);
    expect(uploadAttachment).not.toHaveBeenCalled();
    expect(room.send).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('composer-pending-remove'));
    expect(screen.queryByTestId('composer-pending')).toBeNull();
    expect(screen.getByTestId('composer-send')).toBeDisabled();
    expect(uploadAttachment).not.toHaveBeenCalled();
  });

  it('a PDF shows its name and size with an open link; "send" uploads it and sends it with the text', async () => {
    uploadAttachment.mockResolvedValueOnce({ id: 'd-1', fileName: '合同.pdf', mimeType: 'application/pdf', sizeBytes: 2048, downloadUrl: '/api/x' });
    const room = renderComposer();
    fireEvent.change(screen.getByTestId('composer-input'), { target: { value: '合同在这里' } });
    fireEvent.change(screen.getByTestId('composer-file'), { target: { files: [new File(['%PDF-1.4'], '合同.pdf', { type: 'application/pdf' })] } });
    expect(await screen.findByTestId('composer-pending-open')).toHaveAttribute('href', 'blob:preview');
    expect(screen.queryByTestId('composer-pending-thumb')).toBeNull();
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(room.send).toHaveBeenCalledWith('ch-1', expect.objectContaining({ kind: 'attachment', body: '合同在这里', attachment: expect.objectContaining({ id: 'd-1' }) })));
    expect(uploadAttachment).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId('composer-pending')).toBeNull());
  });
});
