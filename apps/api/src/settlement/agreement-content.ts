import type { AgreementContent, AgreementRevisionChange, FieldError, InstalmentInput, ObligationDraft, ObligationKind, ObligationView } from '@tiaojie/contracts';
import { compareCny, parseCny, sumCny } from '@tiaojie/domain';
import { createHash } from 'node:crypto';
import type { Obligation } from '../cases/agreement.entity';

/**
 * Pure helpers of the agreement: checking and normalising the drafted obligations (exact
 * decimals, instalments adding up), expanding instalment plans into obligation rows, the
 * canonical content hash a signature binds to (R26), and comparing two revisions.
 */

/** What a revision holds: the whole draft as the mediator saved it. */
export interface AgreementSnapshot {
  partial: boolean;
  content: AgreementContent;
  obligations: ObligationDraft[];
}

/** One obligation row as stored (an instalment plan gives one row per instalment). */
export interface ObligationRow {
  seq: number;
  obligorPartyId: string;
  obligeePartyId: string;
  kind: ObligationKind;
  description: string;
  amount: string | null;
  place: string;
  method: string;
  dueDate: string;
  instalment: number | null;
  instalments: number | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Checks the drafted obligations against the case's parties and normalises them (amounts to
 * canonical 'NNNN.NN'). Returns every problem with its field path, so the form can show each
 * one under its field.
 */
export function normaliseObligations(drafts: ObligationDraft[], partyIds: readonly string[]): { obligations: ObligationDraft[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, constraint: string, message: string) => errors.push({ field, constraint, message });
  const obligations = drafts.map((d, i): ObligationDraft => {
    const at = `obligations.${i}`;
    if (!partyIds.includes(d.obligorPartyId)) err(`${at}.obligorPartyId`, 'party', 'must be a party of the case');
    if (!partyIds.includes(d.obligeePartyId)) err(`${at}.obligeePartyId`, 'party', 'must be a party of the case');
    if (d.obligorPartyId === d.obligeePartyId) err(`${at}.obligeePartyId`, 'distinct', 'must be another party than the obligor');
    if (!isCalendarDate(d.dueDate)) err(`${at}.dueDate`, 'isDate', 'must be a date (YYYY-MM-DD)');
    let amount: string | null = null;
    if (d.kind === 'payment') {
      amount = d.amount == null || d.amount === '' ? null : parseCny(String(d.amount));
      if (d.amount == null || d.amount === '') err(`${at}.amount`, 'required', 'a payment needs an amount');
      else if (amount === null) err(`${at}.amount`, 'isCny', 'must be an amount in yuan with at most 2 decimals');
      else if (compareCny(amount, '0') <= 0) err(`${at}.amount`, 'positive', 'must be more than zero');
    } else if (d.amount != null && d.amount !== '') {
      err(`${at}.amount`, 'notForAct', 'an obligation to act has no amount');
    }
    let plan: InstalmentInput[] | null = null;
    if (d.plan && d.plan.length > 0) {
      if (d.kind !== 'payment') err(`${at}.plan`, 'paymentOnly', 'only a payment can be paid in instalments');
      if (d.plan.length < 2) err(`${at}.plan`, 'minSize', 'a plan has at least two instalments');
      let previous = '';
      plan = d.plan.map((p, j) => {
        const a = parseCny(String(p.amount ?? ''));
        if (a === null) err(`${at}.plan.${j}.amount`, 'isCny', 'must be an amount in yuan with at most 2 decimals');
        else if (compareCny(a, '0') <= 0) err(`${at}.plan.${j}.amount`, 'positive', 'must be more than zero');
        if (!isCalendarDate(p.dueDate)) err(`${at}.plan.${j}.dueDate`, 'isDate', 'must be a date (YYYY-MM-DD)');
        else {
          if (isCalendarDate(d.dueDate) && p.dueDate > d.dueDate) err(`${at}.plan.${j}.dueDate`, 'beforeDeadline', 'must not be after the final deadline');
          if (previous && p.dueDate < previous) err(`${at}.plan.${j}.dueDate`, 'ascending', 'must not be before the previous instalment');
          previous = p.dueDate;
        }
        return { amount: a ?? String(p.amount ?? ''), dueDate: p.dueDate };
      });
      const amounts = plan.map((p) => parseCny(p.amount));
      if (amount !== null && amounts.every((x): x is string => x !== null)) {
        const total = sumCny(amounts);
        if (compareCny(total, amount) !== 0) err(`${at}.plan`, 'sum', `the instalments add up to ${total}, not ${amount}`);
      }
    }
    return {
      obligorPartyId: d.obligorPartyId,
      obligeePartyId: d.obligeePartyId,
      kind: d.kind,
      description: d.description.trim(),
      amount,
      place: (d.place ?? '').trim(),
      method: (d.method ?? '').trim(),
      dueDate: d.dueDate,
      plan,
    };
  });
  return { obligations, errors };
}

/** One row per obligation, or per instalment of a plan. */
export function expandObligations(drafts: readonly ObligationDraft[]): ObligationRow[] {
  const rows: ObligationRow[] = [];
  for (const d of drafts) {
    const base = { obligorPartyId: d.obligorPartyId, obligeePartyId: d.obligeePartyId, kind: d.kind, description: d.description, place: d.place ?? '', method: d.method ?? '' };
    const plan = d.plan;
    if (plan && plan.length > 0) {
      plan.forEach((p, j) => rows.push({ ...base, seq: rows.length + 1, amount: p.amount, dueDate: p.dueDate, instalment: j + 1, instalments: plan.length }));
    } else {
      rows.push({ ...base, seq: rows.length + 1, amount: d.amount ?? null, dueDate: d.dueDate, instalment: null, instalments: null });
    }
  }
  return rows;
}

/** JSON with sorted keys: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

/**
 * R26: the hash a signature binds to — everything the signers read: the case, the parties,
 * the revision, the terms and every obligation row.
 */
export function contentHashOf(input: {
  agreementId: string;
  caseId: string;
  caseNumber: string | null;
  seq: number;
  revision: number;
  snapshot: AgreementSnapshot;
  parties: ReadonlyArray<{ id: string; side: string; name: string }>;
}): string {
  const body = {
    agreementId: input.agreementId,
    caseId: input.caseId,
    caseNumber: input.caseNumber,
    seq: input.seq,
    revision: input.revision,
    partial: input.snapshot.partial,
    content: input.snapshot.content,
    obligations: expandObligations(input.snapshot.obligations),
    parties: input.parties.map((p) => ({ id: p.id, side: p.side, name: p.name })),
  };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

const CONTENT_KEYS: Array<keyof AgreementContent> = ['facts', 'disputedMatters', 'responsibilities', 'otherTerms'];
const OBLIGATION_KEYS: Array<keyof ObligationDraft> = ['obligorPartyId', 'obligeePartyId', 'kind', 'description', 'amount', 'place', 'method', 'dueDate'];

const planText = (plan: ObligationDraft['plan']) => (plan && plan.length ? plan.map((p) => `${p.amount}@${p.dueDate}`).join('; ') : null);
const obligationText = (o: ObligationDraft) => [o.kind, o.amount ?? '', o.description, o.dueDate].filter(Boolean).join(' · ');

/** What changed from one revision to another, field by field. */
export function compareSnapshots(before: AgreementSnapshot, after: AgreementSnapshot): AgreementRevisionChange[] {
  const changes: AgreementRevisionChange[] = [];
  if (before.partial !== after.partial) changes.push({ path: 'partial', before: String(before.partial), after: String(after.partial) });
  for (const k of CONTENT_KEYS) {
    const b = before.content?.[k] ?? '';
    const a = after.content?.[k] ?? '';
    if (b !== a) changes.push({ path: `content.${k}`, before: b, after: a });
  }
  const n = Math.max(before.obligations.length, after.obligations.length);
  for (let i = 0; i < n; i++) {
    const b = before.obligations[i];
    const a = after.obligations[i];
    if (!b) {
      changes.push({ path: `obligations.${i}`, before: null, after: obligationText(a) });
      continue;
    }
    if (!a) {
      changes.push({ path: `obligations.${i}`, before: obligationText(b), after: null });
      continue;
    }
    for (const k of OBLIGATION_KEYS) {
      const bv = (b[k] as string | null | undefined) ?? '';
      const av = (a[k] as string | null | undefined) ?? '';
      if (bv !== av) changes.push({ path: `obligations.${i}.${k}`, before: bv || null, after: av || null });
    }
    if (planText(b.plan) !== planText(a.plan)) changes.push({ path: `obligations.${i}.plan`, before: planText(b.plan), after: planText(a.plan) });
  }
  return changes;
}

/** Masks a name for the public verification page: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * The stored part of an obligation's view (everything but proofUrl and overdue, which depend
 * on who asks and when). Shared by the agreement view and the performance view.
 */
export function obligationViewFields(o: Obligation, nameOf: (partyId: string) => string): Omit<ObligationView, 'proofUrl' | 'overdue'> {
  return {
    id: o.id,
    seq: o.seq,
    obligorPartyId: o.obligorPartyId,
    obligeePartyId: o.obligeePartyId,
    obligorName: nameOf(o.obligorPartyId),
    obligeeName: nameOf(o.obligeePartyId),
    kind: o.kind,
    description: o.description,
    amount: o.amount,
    place: o.place,
    method: o.method,
    dueDate: o.dueDate,
    instalment: o.instalment,
    instalments: o.instalments,
    status: o.status,
    claimedAt: o.claimedAt?.toISOString() ?? null,
    performedAt: o.performedAt?.toISOString() ?? null,
  };
}
