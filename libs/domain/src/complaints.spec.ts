import {
  complaintDeadlines,
  complaintFieldsFor,
  complaintRoleOf,
  mayHandleComplaint,
  mayReadCaseAccessLog,
  nextComplaintStatus,
  overdueComplaintDeadline,
  supervisedOrganisations,
} from './complaints';
import { WorkingCalendar } from './working-days';

describe('R38: complaint rules', () => {
  const calendar = new WorkingCalendar({ tzOffsetMinutes: 480 });
  const c = { complainantId: 'u-c', organisationId: 'o-1', mediatorId: 'u-m' };

  it('R38: received → investigating → decided → told; no skipping, no going back', () => {
    expect(nextComplaintStatus('received', 'investigate')).toBe('investigating');
    expect(nextComplaintStatus('received', 'decide')).toBeNull();
    expect(nextComplaintStatus('investigating', 'note')).toBe('investigating');
    expect(nextComplaintStatus('investigating', 'decide')).toBe('decided');
    expect(nextComplaintStatus('decided', 'acknowledge_outcome')).toBe('told');
    expect(nextComplaintStatus('told', 'investigate')).toBeNull();
    expect(nextComplaintStatus('decided', 'note')).toBeNull();
  });

  it('R38: 3 working days to take it up, 15 to decide, skipping the weekend', () => {
    const filed = new Date('2026-03-06T02:00:00Z'); // Friday 10:00 in China
    const { acknowledgeBy, decideBy } = complaintDeadlines(filed, calendar);
    expect(acknowledgeBy.getTime()).toBeGreaterThan(new Date('2026-03-10T16:00:00Z').getTime()); // not before Wednesday
    expect(calendar.workingDaysBetween(filed, decideBy)).toBe(15);
  });

  it('R38: an overdue deadline escalates once; a decided complaint never does', () => {
    const base = { status: 'received' as const, acknowledgeBy: new Date(1000), decideBy: new Date(5000), ackEscalatedAt: null, decideEscalatedAt: null };
    expect(overdueComplaintDeadline(base, new Date(500))).toBeNull();
    expect(overdueComplaintDeadline(base, new Date(2000))).toBe('acknowledge');
    expect(overdueComplaintDeadline({ ...base, ackEscalatedAt: new Date(2000) }, new Date(3000))).toBeNull();
    expect(overdueComplaintDeadline({ ...base, status: 'investigating' }, new Date(6000))).toBe('decide');
    expect(overdueComplaintDeadline({ ...base, status: 'decided' }, new Date(6000))).toBeNull();
  });

  it('R38: who the viewer is to a complaint, and what the mediator complained about sees', () => {
    expect(complaintRoleOf(c, { userId: 'u-c', adminOfOrganisationIds: [], supervisedOrganisationIds: [] })).toBe('complainant');
    expect(complaintRoleOf(c, { userId: 'u-a', adminOfOrganisationIds: ['o-1'], supervisedOrganisationIds: [] })).toBe('handler');
    expect(complaintRoleOf(c, { userId: 'u-a', adminOfOrganisationIds: ['o-2'], supervisedOrganisationIds: ['o-2'] })).toBeNull();
    expect(complaintRoleOf(c, { userId: 'u-s', adminOfOrganisationIds: [], supervisedOrganisationIds: ['o-1'] })).toBe('supervisor');
    expect(complaintRoleOf(c, { userId: 'u-m', adminOfOrganisationIds: [], supervisedOrganisationIds: ['o-1'] })).toBe('subject');
    // A mediator who is also its organisation's admin never handles a complaint about itself.
    expect(complaintRoleOf(c, { userId: 'u-m', adminOfOrganisationIds: ['o-1'], supervisedOrganisationIds: [] })).toBe('subject');
    expect(complaintFieldsFor('subject')).toEqual({ identity: false, description: false, evidence: false, caseLink: false, internalNotes: false });
    expect(complaintFieldsFor('complainant').internalNotes).toBe(false);
    expect(mayHandleComplaint('supervisor', false)).toBe(false);
    expect(mayHandleComplaint('supervisor', true)).toBe(true);
  });

  it('R38: the supervisor is the staff of the organisation’s 司法局; the system admin only for an organisation without one', () => {
    const orgs = [
      { id: 'o-1', bureauId: 'b-1' },
      { id: 'o-2', bureauId: 'b-2' },
      { id: 'o-3', bureauId: null },
    ];
    expect(supervisedOrganisations(orgs, { roles: ['bureau'], bureauIds: ['b-1'] })).toEqual(['o-1']);
    expect(supervisedOrganisations(orgs, { roles: ['admin'], bureauIds: [] }, ['b-1', 'b-2'])).toEqual(['o-3']);
    // A bureau with nobody to answer: its organisations fall back to the system admin, who is the one told (no dead end).
    expect(supervisedOrganisations(orgs, { roles: ['admin'], bureauIds: [] }, ['b-2'])).toEqual(expect.arrayContaining(['o-1', 'o-3']));
    expect(supervisedOrganisations(orgs, { roles: ['org_admin'], bureauIds: [] })).toEqual([]);
    expect(complaintRoleOf({ ...c, organisationId: 'o-1' }, { userId: 'u-b', adminOfOrganisationIds: [], supervisedOrganisationIds: ['o-2'] })).toBeNull();
  });

  it('R19: only the handler of a leak complaint with a case reads the access log', () => {
    expect(mayReadCaseAccessLog({ ground: 'privacy_leak', caseId: 'c-1' }, 'handler')).toBe(true);
    expect(mayReadCaseAccessLog({ ground: 'privacy_leak', caseId: null }, 'handler')).toBe(false);
    expect(mayReadCaseAccessLog({ ground: 'rudeness', caseId: 'c-1' }, 'handler')).toBe(false);
    expect(mayReadCaseAccessLog({ ground: 'privacy_leak', caseId: 'c-1' }, 'complainant')).toBe(false);
  });
});
