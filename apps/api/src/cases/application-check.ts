import type { FieldError } from '@tiaojie/contracts';
import type { CaseDocument } from '../documents/case-document.entity';
import type { CaseParty } from './case-party.entity';
import type { MediationCase } from './case.entity';

/**
 * R03: what an application must hold before it can be submitted — identity, a summary of
 * the dispute, a valid mobile and an electronic service address, at least one respondent,
 * and uploaded materials (a person applicant's ID card image). Each missing item names its
 * field so the filing form can point at it.
 */
export function applicationProblems(c: MediationCase, parties: CaseParty[], documents: CaseDocument[]): FieldError[] {
  const problems: FieldError[] = [];
  const missing = (field: string, constraint: string, message: string) => problems.push({ field, constraint, message });
  if (!c.facts || c.facts.trim().length < 10) missing('facts', 'minLength', 'describe the dispute (at least 10 characters)');
  if (!c.region) missing('region', 'isNotEmpty', 'choose where the dispute arose');
  if (!c.claimAmount && !c.otherRequests) missing('claims', 'isNotEmpty', 'state what you ask for: an amount or other requests');
  const applicant = parties.find((p) => p.side === 'applicant');
  if (!applicant) {
    missing('applicant', 'isNotEmpty', 'the applicant is missing');
  } else {
    if (applicant.kind === 'person' && !applicant.idNumberMasked) missing('applicant.idNumber', 'isNotEmpty', 'the applicant’s ID number is required');
    if (applicant.kind === 'person' && !documents.some((d) => d.kind === 'id_card')) {
      missing('documents', 'idCardRequired', 'upload an image of the applicant’s ID card');
    }
  }
  const respondents = parties.filter((p) => p.side === 'respondent');
  if (respondents.length === 0) missing('respondents', 'arrayMinSize', 'name at least one respondent');
  return problems;
}
