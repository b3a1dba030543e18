import type { CaseArchiveInfo, CourtCaseInfo } from '@tiaojie/contracts';
import { DEADLINES, mediationPeriodKind } from '@tiaojie/domain';
import type { EntityManager } from 'typeorm';
import { CaseArchive } from './case-archive.entity';
import { Court } from '../organisations/court.entity';
import type { MediationCase } from './case.entity';

/** R21: the court-brought part of a case, as the case page shows it. */
export function courtCaseInfo(c: MediationCase, court: Court | null): CourtCaseInfo | null {
  if (!c.courtId || !c.courtCaseKind || !c.courtCaseNumber) return null;
  return {
    kind: c.courtCaseKind,
    courtCaseNumber: c.courtCaseNumber,
    courtId: c.courtId,
    courtName: court?.name ?? '',
    procedure: c.courtProcedure,
    periodDays: DEADLINES[mediationPeriodKind(c.courtCaseKind, c.courtProcedure)].amount,
  };
}

/** R21 and R27: the court case and the archive (its PDF only for the case's staff) of a case detail. */
export async function courtAndArchiveOf(manager: EntityManager, c: MediationCase, staff: boolean): Promise<{ courtCase: CourtCaseInfo | null; archive: CaseArchiveInfo | null }> {
  const court = c.courtId ? await manager.getRepository(Court).findOne({ where: { id: c.courtId } }) : null;
  const archive = c.archivedAt ? await manager.getRepository(CaseArchive).findOne({ where: { caseId: c.id } }) : null;
  return {
    courtCase: courtCaseInfo(c, court),
    archive: archive ? { archivedAt: archive.createdAt.toISOString(), pdfUrl: staff ? `/api/cases/${c.id}/archive.pdf` : null, sha256: archive.sha256 } : null,
  };
}
