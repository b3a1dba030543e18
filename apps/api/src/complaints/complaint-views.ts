import type { ComplaintDetail, ComplaintEventView, ComplaintView } from '@tiaojie/contracts';
import { complaintFieldsFor, isComplaintOpen, mayComplaintAct, mayHandleComplaint, mayReadCaseAccessLog, type ComplaintRole } from '@tiaojie/domain';
import { EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { MediationCase } from '../cases/case.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Complaint, ComplaintEvent, ComplaintEvidence } from './complaint.entity';

export const escalatedAt = (c: Complaint) => c.decideEscalatedAt ?? c.ackEscalatedAt;

/** What the viewer may do on the complaint now (the server checks the same rules on each call). */
export function complaintActions(c: Complaint, role: ComplaintRole): ComplaintView['actions'] {
  const out: ComplaintView['actions'] = [];
  if (role === 'complainant' && isComplaintOpen(c.status)) out.push('add_evidence');
  if (mayHandleComplaint(role, !!escalatedAt(c))) {
    if (mayComplaintAct(c.status, 'investigate')) out.push('investigate');
    if (mayComplaintAct(c.status, 'note')) out.push('note');
    if (mayComplaintAct(c.status, 'decide')) out.push('decide');
  }
  if (mayReadCaseAccessLog(c, role)) out.push('read_access_log');
  return out;
}

/** The views of several complaints, with the names they show, in three batched reads. */
export async function complaintViews(manager: EntityManager, rows: Array<{ c: Complaint; role: ComplaintRole }>): Promise<ComplaintView[]> {
  if (!rows.length) return [];
  const orgs = await manager.getRepository(Organisation).find({ where: { id: In([...new Set(rows.map((r) => r.c.organisationId))]) } });
  const userIds = [...new Set(rows.flatMap((r) => [r.c.complainantId, r.c.mediatorId]).filter((x): x is string => !!x))];
  const users = await manager.getRepository(User).find({ where: { id: In(userIds) } });
  const caseIds = [...new Set(rows.map((r) => r.c.caseId).filter((x): x is string => !!x))];
  const cases = caseIds.length ? await manager.getRepository(MediationCase).find({ where: { id: In(caseIds) } }) : [];
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? null) : null);
  return rows.map(({ c, role }) => {
    const show = complaintFieldsFor(role);
    return {
      id: c.id,
      viewerRole: role,
      subjectKind: c.subjectKind,
      organisationId: c.organisationId,
      organisationName: orgs.find((o) => o.id === c.organisationId)?.name ?? '',
      mediatorId: c.mediatorId,
      mediatorName: name(c.mediatorId),
      caseId: show.caseLink ? c.caseId : null,
      caseNumber: show.caseLink && c.caseId ? (cases.find((x) => x.id === c.caseId)?.number ?? null) : null,
      ground: c.ground,
      description: show.description ? c.description : null,
      complainantName: show.identity ? name(c.complainantId) : null,
      status: c.status,
      outcome: c.outcome,
      reasons: c.reasons,
      filedAt: c.filedAt.toISOString(),
      acknowledgeBy: c.acknowledgeBy.toISOString(),
      decideBy: c.decideBy.toISOString(),
      escalatedAt: escalatedAt(c)?.toISOString() ?? null,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      actions: complaintActions(c, role),
    };
  });
}

/** The history the viewer may see: the handler's internal entries only for handlers and the supervisor. */
export async function complaintDetail(manager: EntityManager, c: Complaint, role: ComplaintRole): Promise<ComplaintDetail> {
  const [view] = await complaintViews(manager, [{ c, role }]);
  const show = complaintFieldsFor(role);
  const events = await manager.getRepository(ComplaintEvent).find({ where: { complaintId: c.id }, order: { seq: 'ASC' } });
  const history: ComplaintEventView[] = events
    .filter((e) => show.internalNotes || !e.internal)
    // The mediator complained about sees the steps, not what the complainant added.
    .filter((e) => show.evidence || e.type !== 'evidence_added')
    .map((e) => ({ id: e.id, type: e.type, internal: e.internal, at: e.createdAt.toISOString(), text: e.text, outcome: e.outcome }));
  const evidence = show.evidence ? await manager.getRepository(ComplaintEvidence).find({ where: { complaintId: c.id }, order: { createdAt: 'ASC' } }) : [];
  return {
    ...view,
    history,
    evidence: evidence.map((d) => ({ id: d.id, fileName: d.fileName, mimeType: d.mimeType, sizeBytes: d.sizeBytes, createdAt: d.createdAt.toISOString() })),
  };
}
