import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

describe('home page: 需要您处理 (issue #11)', () => {
  it('R26, R29: lists the next steps with their deadlines and links to where each is done', async () => {
    const due = new Date(Date.now() + 20 * 24 * 3600_000).toISOString();
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/me/actions': json(200, [
        { caseId: 'c-1', caseNumber: 'TJ-2026-000001', kind: 'apply_confirmation', section: 'confirmation', dueAt: due },
        { caseId: 'c-2', caseNumber: 'TJ-2026-000002', kind: 'sign_agreement', section: 'agreement', dueAt: null },
      ]),
    });
    renderRoute('/home');
    const panel = await screen.findByTestId('home-next-actions');
    expect(panel).toHaveTextContent('需要您处理');
    const items = within(panel).getAllByTestId('next-action');
    expect(items.map((i) => i.dataset.kind)).toEqual(['apply_confirmation', 'sign_agreement']);
    expect(items[0]).toHaveTextContent('向法院申请司法确认');
    expect(items[0]).toHaveTextContent('TJ-2026-000001');
    expect(within(items[0]).getByTestId('next-action-deadline')).toHaveAttribute('data-overdue', 'false');
    expect(within(items[0]).getByTestId('next-action-link')).toHaveAttribute('href', '/cases/c-1#confirmation');
    expect(items[1]).toHaveTextContent('签署调解协议');
    expect(within(items[1]).getByTestId('next-action-no-deadline')).toBeInTheDocument();
    expect(within(items[1]).getByTestId('next-action-link')).toHaveAttribute('href', '/cases/c-2/agreement');
  });

  it('R15: the mediator wrote — says so without the content and links to the conversation page', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/me/actions': json(200, [{ caseId: 'c-3', caseNumber: 'TJ-2026-000003', kind: 'read_messages', section: 'mediation', dueAt: null }]),
    });
    renderRoute('/home');
    const item = await screen.findByTestId('next-action');
    expect(item).toHaveTextContent('调解员给您发来了新消息');
    expect(within(item).getByTestId('next-action-link')).toHaveAttribute('href', '/cases/c-3/mediation');
  });

  it('shows nothing when there is nothing to do', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/me/actions': json(200, []),
    });
    renderRoute('/home');
    await screen.findByTestId('home-heading');
    await screen.findByTestId('my-cases-empty');
    expect(screen.queryByTestId('home-next-actions')).toBeNull();
  });
});
