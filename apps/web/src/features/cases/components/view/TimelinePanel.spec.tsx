import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { TimelineEvent } from '@tiaojie/contracts';
import { describe, expect, it, vi } from 'vitest';
import '../../../../lib/i18n';
import { createQueryClient } from '../../../../lib/query-client';
import { caseKeys } from '../../hooks/useCase';
import { TimelinePanel } from './TimelinePanel';

const shown = vi.hoisted(() => ({ loaders: 0 }));
vi.mock('../../../../components/ui/PageLoader', () => ({
  PageLoader: () => {
    shown.loaders++;
    return <div role="status" />;
  },
}));

const event: TimelineEvent = {
  id: 'e1',
  seq: 1,
  type: 'submitted',
  fromState: 'DRAFT',
  toState: 'SUBMITTED',
  actorName: '张三',
  actorRole: 'citizen',
  data: {},
  createdAt: '2026-12-01T08:00:00.000Z',
};

// TARGETS P5: the first answer renders as a transition (a deferred loading flag) — but a panel
// whose data is already in the cache (coming back to a case) shows it at once, with no loader.
describe('the case timeline', () => {
  it('opened with its events cached, never shows the loader', () => {
    const client = createQueryClient();
    client.setQueryData(caseKeys.timeline('c1'), [event]);
    render(
      <QueryClientProvider client={client}>
        <TimelinePanel caseId="c1" />
      </QueryClientProvider>,
    );
    expect(screen.getAllByTestId('timeline-event')).toHaveLength(1);
    expect(shown.loaders).toBe(0);
  });
});
