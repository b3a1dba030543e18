import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DocumentView } from '@tiaojie/contracts';
import { AppProviders } from '../../../app/providers';
import { createQueryClient } from '../../../lib/query-client';
import '../../../locales/filing';
import { DocumentUploader } from './DocumentUploader';

const deleteDocument = vi.fn();
vi.mock('../api/cases-api', () => ({ deleteDocument: (...args: unknown[]) => deleteDocument(...args), uploadDocument: vi.fn() }));

const doc = (overrides: Partial<DocumentView>): DocumentView => ({
  id: 'd-1',
  kind: 'evidence',
  visibility: 'all_parties',
  fileName: '借条.png',
  mimeType: 'image/png',
  sizeBytes: 2048,
  sha256: 'x',
  uploadedBySide: 'applicant',
  createdAt: '2026-01-01T00:00:00Z',
  downloadUrl: '/api/cases/c-1/documents/d-1',
  ...overrides,
});

describe('DocumentUploader: preview and remove before submitting', () => {
  it('an image has a thumbnail, a PDF its name, size and an open link; remove deletes it on the server', async () => {
    deleteDocument.mockResolvedValueOnce(undefined);
    const onRemoved = vi.fn();
    const onChange = vi.fn();
    const pdf = doc({ id: 'd-2', fileName: '合同.pdf', mimeType: 'application/pdf', downloadUrl: '/api/cases/c-1/documents/d-2' });
    render(
      <AppProviders queryClient={createQueryClient()}>
        <DocumentUploader caseId="c-1" kind="evidence" label="证据" hint="" documents={[doc({}), pdf]} onUploaded={vi.fn()} onRemoved={onRemoved} onChange={onChange} testId="up" />
      </AppProviders>,
    );
    const thumbs = screen.getAllByTestId('up-thumb');
    expect(thumbs).toHaveLength(1);
    expect(thumbs[0]).toHaveAttribute('src', '/api/cases/c-1/documents/d-1');
    const links = screen.getAllByTestId('up-open');
    expect(links[1]).toHaveTextContent('合同.pdf');
    expect(links[1]).toHaveAttribute('href', '/api/cases/c-1/documents/d-2');
    expect(screen.getAllByTestId('up-file')[1]).toHaveTextContent('2 KB');
    fireEvent.click(screen.getByRole('button', { name: '删除 合同.pdf' }));
    await waitFor(() => expect(onRemoved).toHaveBeenCalledWith(pdf));
    expect(deleteDocument).toHaveBeenCalledWith('c-1', 'd-2');
    expect(onChange).toHaveBeenCalledWith(1);
  });
});
