import { competentCourts, exclusionPreCheck, packageGaps, proposeCourt, rulingNumber, type CourtCandidate } from './confirmation';

const XIHU: CourtCandidate = { id: 'c-xihu', name: '杭州市西湖区人民法院', region: '330106', level: 'basic' };
const SHANGCHENG: CourtCandidate = { id: 'c-sc', name: '杭州市上城区人民法院', region: '330102', level: 'basic' };
const HZ_INTER: CourtCandidate = { id: 'c-hz', name: '杭州市中级人民法院', region: '330100', level: 'intermediate' };
const COURTS = [XIHU, SHANGCHENG, HZ_INTER];

describe('R30 court routing', () => {
  it('sends a court-invited mediation back to the inviting court, and only there', () => {
    const routes = competentCourts({ invitingCourtId: 'c-sc', subjectRegion: '330106', organisationRegion: '330106', courts: COURTS });
    expect(routes).toEqual([{ court: SHANGCHENG, basis: 'inviting_court', region: null }]);
  });

  it('otherwise proposes the basic court where a party lives, then the subject matter, then the organisation', () => {
    const routes = competentCourts({ partyRegions: ['330102', null], subjectRegion: '330106', organisationRegion: '330106', courts: COURTS });
    expect(routes.map((r) => [r.court.id, r.basis])).toEqual([
      ['c-sc', 'party_domicile'],
      ['c-xihu', 'subject_matter'],
    ]);
    expect(proposeCourt({ subjectRegion: null, organisationRegion: '330106', courts: COURTS })).toEqual({ court: XIHU, basis: 'organisation_location', region: '330106' });
  });

  it('never proposes an intermediate court as the basic court, and finds none outside the platform', () => {
    expect(proposeCourt({ subjectRegion: '330100', courts: COURTS })).toBeNull();
    expect(proposeCourt({ subjectRegion: '110101', organisationRegion: '110101', courts: COURTS })).toBeNull();
    expect(proposeCourt({ invitingCourtId: 'gone', courts: COURTS })).toBeNull();
  });
});

describe('R32 exclusions pre-check', () => {
  it('finds nothing for an ordinary loan agreement', () => {
    expect(exclusionPreCheck({ disputeType: 'private_loan', courtFound: true, answers: {} })).toEqual([]);
  });

  it('reports each declared excluded matter and a missing competent court', () => {
    const found = exclusionPreCheck({ disputeType: 'family_neighbour', courtFound: false, withinCourtScope: false, answers: { personalStatus: true, specialProcedure: true, titleDispute: true } });
    expect(found.map((f) => f.code)).toEqual(['outside_court_scope', 'outside_jurisdiction', 'personal_status', 'special_procedure', 'title_dispute']);
    expect(found.find((f) => f.code === 'personal_status')?.source).toBe('declared');
    expect(found.find((f) => f.code === 'outside_jurisdiction')?.source).toBe('data');
  });
});

describe('R31 package', () => {
  it("R31 needs the agreement, an ID proof per party, a power of attorney for agents, and every party's phone and address", () => {
    expect(packageGaps({ agreementPdf: true, parties: [{ id: 'a', hasIdProof: true, hasAgent: false, hasPowerOfAttorney: false, mobile: '13800000001', address: '杭州市西湖区文三路1号' }] })).toEqual(
      [],
    );
    expect(
      packageGaps({
        agreementPdf: false,
        parties: [
          { id: 'a', hasIdProof: false, hasAgent: true, hasPowerOfAttorney: false, mobile: null, address: '杭州市西湖区文三路1号' },
          { id: 'b', hasIdProof: true, hasAgent: true, hasPowerOfAttorney: true, mobile: '13800000002', address: ' ' },
        ],
      }),
    ).toEqual([
      { kind: 'agreement' },
      { kind: 'id_proof', partyId: 'a' },
      { kind: 'power_of_attorney', partyId: 'a' },
      { kind: 'contacts', partyId: 'a', field: 'mobile' },
      { kind: 'contacts', partyId: 'b', field: 'address' },
    ]);
  });
});

describe('ruling number', () => {
  it('prints year, province, court code, 民特 and the serial', () => {
    expect(rulingNumber(2026, '330106', 123)).toBe('(2026)浙0106民特123号');
    expect(rulingNumber(2026, '110105', 7)).toBe('(2026)京0105民特7号');
  });
});
