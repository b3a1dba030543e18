import { describe, expect, it } from 'vitest';
import type { AssignmentView } from '@tiaojie/contracts';
import { caseDetail, party } from '../../../../test/fixtures';
import { offersWithReason, startBlockers } from './case-view-model';

const accepted: AssignmentView = {
  id: 'a-1',
  mediatorId: 'u-qian',
  mediatorName: '钱调解',
  role: 'presiding',
  status: 'accepted',
  assignedAt: '2026-11-23T08:00:00.000Z',
  respondBy: '2026-11-26T15:59:59.999Z',
  respondedAt: '2026-11-23T09:00:00.000Z',
  declineReason: null,
  conflictDisclosure: null,
};

describe('what the case page offers', () => {
  it('offers return and terminate, which need a coded reason, from the state machine', () => {
    // GET /api/cases/:id never lists them: their reason comes with the request.
    const submitted = caseDetail({ state: 'SUBMITTED', actions: ['accept_application'] });
    expect(offersWithReason(submitted, 'org_admin', 'return')).toBe(true);
    expect(offersWithReason(submitted, 'org_admin', 'terminate')).toBe(false);
    const mediating = caseDetail({ state: 'MEDIATING', actions: [] });
    expect(offersWithReason(mediating, 'mediator', 'terminate')).toBe(true);
    expect(offersWithReason(mediating, 'org_admin', 'return')).toBe(false);
    expect(offersWithReason(caseDetail({ state: 'DRAFT' }), 'mediator', 'terminate')).toBe(false);
  });

  it('explains why mediation cannot start until every party consented after reading the notice (R01, R02)', () => {
    const waiting = caseDetail({
      state: 'ACCEPTED',
      assignments: [accepted],
      parties: [party({ consent: 'given', noticeSeenAt: '2026-11-23T08:00:00.000Z' }), party({ id: 'p-2', side: 'respondent', consent: 'pending' })],
    });
    expect(startBlockers(waiting)).toEqual(['R01_all_consented', 'R02_notices_seen']);
    const ready = {
      ...waiting,
      parties: waiting.parties.map((p) => ({ ...p, consent: 'given' as const, noticeSeenAt: '2026-11-23T10:00:00.000Z' })),
    };
    expect(startBlockers(ready)).toEqual([]);
    expect(startBlockers({ ...ready, assignments: [] })).toEqual(['R09_mediator_accepted']);
  });
});
