import { credentialExpiry, isRatingState, publicSatisfaction } from './roster';

describe('issue #13: roster and satisfaction rules', () => {
  it('flags a certification expired, expiring within 30 days, or valid (R39)', () => {
    expect(credentialExpiry(null, '2026-03-02')).toBe('none');
    expect(credentialExpiry('2026-03-01', '2026-03-02')).toBe('expired');
    expect(credentialExpiry('2026-03-02', '2026-03-02')).toBe('expiring');
    expect(credentialExpiry('2026-04-01', '2026-03-02')).toBe('expiring');
    expect(credentialExpiry('2026-04-02', '2026-03-02')).toBe('valid');
  });

  it('shows satisfaction only from 3 ratings (R05: fewer could identify a party)', () => {
    expect(publicSatisfaction([5, 4])).toBeNull();
    expect(publicSatisfaction([5, 4, 4])).toEqual({ average: 4.3, count: 3 });
  });

  it('asks for a rating once mediation ended, not before', () => {
    expect(isRatingState('TERMINATED')).toBe(true);
    expect(isRatingState('CLOSED')).toBe(true);
    expect(isRatingState('MEDIATING')).toBe(false);
    expect(isRatingState('WITHDRAWN')).toBe(false);
  });
});
