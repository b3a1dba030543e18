import type { CaseDetail, CreateCaseRequest, DisputeType, Locale, PartyInput, PartyKind, UpdateCaseRequest } from '@tiaojie/contracts';
import { parseCny, type Evaluation } from '@tiaojie/domain';
import { normaliseMobileInput } from '../../../../lib/form-rules';

export const FILING_STEPS = ['dispute', 'claims', 'parties', 'mediator', 'materials', 'confirm'] as const;
export type FilingStep = (typeof FILING_STEPS)[number];

/** The API's limits on free text (apps/api case.dto FACTS_MAX, REQUESTS_MAX); the API checks them too. */
export const FACTS_MIN = 10;
export const FACTS_MAX = 5000;
export const REQUESTS_MAX = 2000;
export const PARTY_NAME_MAX = 100;
export const MAX_RESPONDENTS = 10;

export interface PartyValues {
  kind?: PartyKind;
  name?: string;
  mobile?: string;
  idNumber?: string;
  address?: string;
  email?: string;
  /** A respondent's: the language of its invitation SMS and email until it registers (issue #11). */
  locale?: Locale;
}

export interface FilingValues {
  disputeType?: DisputeType;
  facts?: string;
  claims?: { amount?: string; otherRequests?: string };
  region?: string;
  applicant?: PartyValues;
  respondents?: PartyValues[];
  organisationId?: string;
  preferredMediatorId?: string;
  /** Number of ID card images on the case (the field the `documents` error lands on). */
  idCard?: number;
  consent?: boolean;
  noticeSeen?: boolean;
}

/**
 * A draft request. `null` clears a choice: the API takes a null organisation or mediator as
 * "none" (its validators are optional), although the contracts only type them as strings.
 */
export type DraftRequest = Omit<CreateCaseRequest, 'organisationId' | 'preferredMediatorId' | 'region'> & {
  organisationId?: string | null;
  preferredMediatorId?: string | null;
  region?: string | null;
};

const text = (value: string | undefined) => value?.trim() ?? '';

export function toPartyInput(values: PartyValues | undefined, fallbackKind: PartyKind = 'person'): PartyInput | undefined {
  const name = text(values?.name);
  const mobile = text(values?.mobile);
  if (!name || !mobile) return undefined;
  const idNumber = text(values?.idNumber).toUpperCase();
  const address = text(values?.address);
  const email = text(values?.email);
  return {
    kind: values?.kind ?? fallbackKind,
    name,
    mobile: normaliseMobileInput(mobile),
    ...(idNumber ? { idNumber } : {}),
    ...(address ? { address } : {}),
    ...(email ? { email } : {}),
    ...(values?.locale ? { locale: values.locale } : {}),
  };
}

/** The form's values as a draft: what is filled in (and valid) is saved, the rest is left out. */
export function toDraftRequest(values: FilingValues, options: { includeRespondents: boolean; includeOrganisation: boolean; evaluation?: Evaluation | null }): DraftRequest {
  const amount = text(values.claims?.amount);
  const otherRequests = text(values.claims?.otherRequests);
  const parsedAmount = amount ? parseCny(amount) : null;
  const request: DraftRequest = {
    disputeType: values.disputeType ?? 'other',
    facts: text(values.facts),
    claims: {
      ...(parsedAmount ? { amount: parsedAmount } : {}),
      ...(otherRequests ? { otherRequests } : {}),
    },
    region: values.region || null,
    preferredMediatorId: values.preferredMediatorId || null,
  };
  // A draft's chosen organisation is not in CaseDetail, so it is only sent once chosen here.
  if (options.includeOrganisation) request.organisationId = values.organisationId || null;
  const applicant = toPartyInput(values.applicant);
  if (applicant) request.applicant = applicant;
  if (options.includeRespondents) {
    request.respondents = (values.respondents ?? []).map((party) => toPartyInput(party)).filter((party): party is PartyInput => !!party);
  }
  if (options.evaluation) request.evaluation = options.evaluation;
  return request;
}

export function asCreateRequest(request: DraftRequest): CreateCaseRequest {
  return request as CreateCaseRequest;
}

export function asUpdateRequest(request: DraftRequest, version: number): UpdateCaseRequest {
  return { ...(request as CreateCaseRequest), version };
}

/** The form's starting values for a saved draft. */
export function valuesFromDetail(detail: CaseDetail): FilingValues {
  const applicant = detail.parties.find((party) => party.side === 'applicant');
  const respondents = detail.parties.filter((party) => party.side === 'respondent');
  return {
    disputeType: detail.disputeType,
    facts: detail.facts,
    claims: { amount: detail.claims.amount ?? undefined, otherRequests: detail.claims.otherRequests ?? undefined },
    region: detail.region ?? undefined,
    applicant: applicant ? { kind: applicant.kind, name: applicant.name, mobile: applicant.mobile, address: applicant.address ?? undefined, email: applicant.email ?? undefined } : undefined,
    respondents: respondents.length
      ? respondents.map((party) => ({ kind: party.kind, name: party.name, mobile: party.mobile, address: party.address ?? undefined, locale: party.locale ?? 'zh-CN' }))
      : [{ kind: 'person', locale: 'zh-CN' }],
    preferredMediatorId: detail.preferredMediatorId ?? undefined,
    idCard: detail.documents.filter((document) => document.kind === 'id_card').length,
  };
}

/** The step that shows an API field (`respondents.0.mobile` → parties). */
export function stepOfField(field: string): number {
  switch (field.split('.')[0]) {
    case 'disputeType':
    case 'facts':
      return 0;
    case 'claims':
    case 'region':
      return 1;
    case 'applicant':
    case 'respondents':
      return 2;
    case 'organisationId':
    case 'preferredMediatorId':
      return 3;
    case 'documents':
    case 'idCard':
      return 4;
    default:
      return 5;
  }
}

/** API fields that name a group are shown on the group's first input. */
export const FIELD_ALIASES: Record<string, string> = {
  claims: 'claims.amount',
  applicant: 'applicant.name',
  respondents: 'respondents.0.name',
  documents: 'idCard',
};
