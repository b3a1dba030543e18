import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MediatorChoiceView } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../../test/fetch-mock';
import { caseDetail, profile } from '../../../../test/fixtures';
import { renderRoute } from '../../../../test/render';

function choice(overrides: Partial<MediatorChoiceView> = {}): MediatorChoiceView {
  return {
    caseId: 'c-1',
    caseVersion: 4,
    windowEndsAt: '2026-03-04T09:59:59.000Z',
    open: true,
    designateBy: '2026-03-05T09:59:59.000Z',
    choices: [
      {
        partyId: 'p-1',
        partyName: '张三',
        mediatorId: null,
        mediatorName: null,
      },
      {
        partyId: 'p-2',
        partyName: '李四',
        mediatorId: 'm-1',
        mediatorName: '王调解',
      },
    ],
    ownPartyIds: ['p-1'],
    roster: [
      { id: 'm-1', name: '王调解' },
      { id: 'm-2', name: '钱调解' },
    ],
    assigned: false,
    canChoose: true,
    ...overrides,
  };
}

describe('R07: the parties choose the mediator from the roster', () => {
  it('R07: shows the window and the designation deadline, and sends the party’s choice with the version it saw', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(
        200,
        caseDetail({
          id: 'c-1',
          state: 'ACCEPTED',
          assignments: [],
          actions: [],
        }),
      ),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/mediator-choice': [json(200, choice()), json(200, choice({ assigned: true, open: false, canChoose: false }))],
      'POST /api/cases/c-1/mediator-choice': json(200, choice({ assigned: true, open: false, canChoose: false })),
    });
    renderRoute('/cases/c-1');
    const panel = await screen.findByTestId('mediator-choice', {}, { timeout: 5000 });
    expect(within(panel).getByTestId('mediator-choice-window')).toHaveTextContent('否则由调解组织在');
    expect(within(panel).getAllByTestId('mediator-choice-party')[1]).toHaveTextContent('李四：王调解');
    expect(screen.getByTestId('mediator-choice-submit')).toBeDisabled();
    await user.click(within(panel).getByText('王调解', { selector: 'span' }));
    await user.click(screen.getByTestId('mediator-choice-submit'));
    await waitFor(() => expect(calls.find((c) => c.path === '/api/cases/c-1/mediator-choice' && c.method === 'POST')?.body).toEqual({ mediatorId: 'm-1', version: 4 }));
    // Once the same mediator is chosen by all, the assignment shows in the mediators panel instead.
    await waitFor(() => expect(screen.queryByTestId('mediator-choice')).not.toBeInTheDocument());
  });
});
