import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../../../test/fetch-mock';
import { caseDetail, profile } from '../../../../test/fixtures';
import { renderRoute } from '../../../../test/render';

describe('case page: 需要您处理 is never empty while something is due (issue #11)', () => {
  it('R26: lists the agreement waiting for the viewer’s signature, with the link to the agreement page', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, caseDetail({ number: 'TJ-2026-000009', state: 'MEDIATING', actions: [], nextActions: [{ kind: 'sign_agreement', section: 'agreement', dueAt: null }] })),
      'GET /api/cases/c-1/timeline': json(200, []),
    });
    renderRoute('/cases/c-1');
    const panel = await screen.findByTestId('case-actions');
    const item = await within(panel).findByTestId('next-action');
    expect(item).toHaveAttribute('data-kind', 'sign_agreement');
    expect(item).toHaveTextContent('签署调解协议');
    expect(within(item).getByTestId('next-action-link')).toHaveAttribute('href', '/cases/c-1/agreement');
    expect(panel).not.toHaveTextContent('目前没有需要您处理的事项');
  });

  it('R29: the window to apply to the court shows its deadline', async () => {
    const due = new Date(Date.now() + 10 * 24 * 3600_000).toISOString();
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, caseDetail({ number: 'TJ-2026-000009', state: 'SETTLED', actions: [], nextActions: [{ kind: 'apply_confirmation', section: 'confirmation', dueAt: due }] })),
      'GET /api/cases/c-1/timeline': json(200, []),
    });
    renderRoute('/cases/c-1');
    const panel = await screen.findByTestId('case-actions');
    const item = await within(panel).findByTestId('next-action');
    expect(item).toHaveTextContent('向法院申请司法确认');
    expect(within(item).getByTestId('next-action-deadline')).toHaveTextContent(/剩余|天/);
  });
});
