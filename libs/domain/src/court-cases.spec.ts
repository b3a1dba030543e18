import { acceptsCourtCase, isCourtCaseNumber, mediationPeriodKind, normaliseCourtCaseNumber } from './court-cases';

describe('R21 court case numbers', () => {
  it.each(['(2026)浙0106民诉前调123号', '（2026）浙0106民初456号', '(2025)京0105民诉前调1号'])('accepts %s', (n) => expect(isCourtCaseNumber(n)).toBe(true));
  it.each(['', 'TJ-2026-000001', '2026浙0106民初1号', '(26)浙0106民初1号', '(2026)浙0106民初号', '(2026)浙0106民初12'])('refuses %p', (n) => expect(isCourtCaseNumber(n)).toBe(false));
  it('normalises the brackets to full width', () => expect(normaliseCourtCaseNumber(' (2026)浙0106民初1号')).toBe('（2026）浙0106民初1号'));
});

describe('R20 period by kind', () => {
  it('30 days before filing, 15/7 after', () => {
    expect(mediationPeriodKind(null, null)).toBe('mediationPreFiling');
    expect(mediationPeriodKind('delegated', null)).toBe('mediationPreFiling');
    expect(mediationPeriodKind('entrusted', 'ordinary')).toBe('mediationOrdinary');
    expect(mediationPeriodKind('entrusted', 'simple')).toBe('mediationSimple');
  });
  it('R21: configured kinds', () => {
    expect(acceptsCourtCase(['delegated'], 'entrusted')).toBe(false);
    expect(acceptsCourtCase(['delegated', 'entrusted'], 'entrusted')).toBe(true);
  });
});
