import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

describe('case queue', () => {
  it('R10, R11: marks the cases with requests to change mediator waiting for an answer', async () => {
    const { viewerRole: _role, ...base } = caseDetail({ number: 'TJ-2026-000001', state: 'MEDIATING' });
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, {
        items: [
          { ...base, id: 'c-1', viewerRole: 'applicant', pendingMediatorChanges: 2 },
          { ...base, id: 'c-2', number: 'TJ-2026-000002', viewerRole: 'applicant' },
        ],
        nextCursor: null,
      }),
    });
    renderRoute('/home');
    const items = await screen.findAllByTestId('case-item');
    expect(within(items[0]).getByTestId('case-item-mediator-changes')).toHaveTextContent('2项更换调解员申请待答复');
    expect(within(items[1]).queryByTestId('case-item-mediator-changes')).not.toBeInTheDocument();
  });
});
