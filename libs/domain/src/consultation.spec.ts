import { checkInterest, DISPUTE_TYPES, evaluate, ORGANISATIONS_FOR, QUESTIONNAIRES } from './consultation';

describe('consultation', () => {
  it('has a questionnaire and a route for every dispute type', () => {
    for (const type of DISPUTE_TYPES) {
      expect(QUESTIONNAIRES[type].length).toBeGreaterThan(0);
      expect(ORGANISATIONS_FOR[type].length).toBeGreaterThan(0);
      const ids = QUESTIONNAIRES[type].map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const q of QUESTIONNAIRES[type]) if (q.onlyIf) expect(ids).toContain(q.onlyIf);
    }
  });

  it('flags private-loan interest above 4 × the one-year LPR, exactly', () => {
    expect(checkInterest('12.00', '3.00')).toEqual({ annualRatePercent: '12.00', capPercent: '12.00', aboveCap: false });
    expect(checkInterest('12.01', '3.00')).toMatchObject({ aboveCap: true });
    expect(checkInterest('24', '3.1')).toEqual({ annualRatePercent: '24.00', capPercent: '12.40', aboveCap: true });
    expect(checkInterest('abc')).toBeNull();
    expect(checkInterest('-1')).toBeNull();
    const result = evaluate('private_loan', { has_iou: true, interest_agreed: true, annual_rate_percent: '36', other_party_known: true }, { lprPercent: '3.00' });
    expect(result.interestCheck?.aboveCap).toBe(true);
    expect(result.advice).toEqual(expect.arrayContaining(['prepare_iou', 'interest_above_cap', 'mediation_is_free']));
    expect(result.suitable).toBe(true);
  });

  it('sends violence to the police, court cases to the court, and an unknown respondent back to the applicant', () => {
    const v = evaluate('family_neighbour', { violence_or_threat: 'yes' });
    expect(v).toMatchObject({ suitable: false, urgent: true });
    expect(v.advice).toContain('call_police');
    expect(evaluate('consumer', { already_in_court: true }).advice).toContain('contact_court');
    expect(evaluate('other', { other_party_known: false }).suitable).toBe(false);
  });

  it('recommends the specialised organisations and marks wage arrears urgent', () => {
    expect(evaluate('banking_insurance', {}).recommendedOrganisationTypes[0]).toBe('banking_insurance');
    expect(evaluate('maritime_fishery', {}).recommendedOrganisationTypes[0]).toBe('maritime_fishery');
    expect(evaluate('labour', { wages_unpaid: true }).urgent).toBe(true);
    expect(evaluate('family_neighbour', { personal_status: true }).advice).toContain('status_needs_court');
  });
});
