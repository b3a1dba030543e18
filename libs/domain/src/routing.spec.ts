import { routeCase, type RoutableOrganisation } from './routing';

const ALL = ['private_loan', 'family_neighbour', 'banking_insurance'];
const org = (id: string, type: RoutableOrganisation['type'], disputeTypes: string[], regions: string[], takesNow: string[] = ALL): RoutableOrganisation => ({
  id,
  name: id,
  type,
  disputeTypes,
  regions,
  takesNow,
});

const ORGS = [
  org('xihu-people', 'peoples_mediation_committee', ['private_loan', 'family_neighbour'], ['330106']),
  org('hangzhou-people', 'peoples_mediation_committee', ['private_loan', 'family_neighbour'], ['330100']),
  org('xihu-police', 'police_mediation', ['family_neighbour'], ['330106']),
  org('bank', 'banking_insurance', ['banking_insurance'], ['330000']),
];

describe('routing a case to an organisation', () => {
  it('prefers the nearest organisation that handles the type', () => {
    expect(routeCase({ disputeType: 'private_loan', region: '330106', chosenOrganisationId: null }, ORGS)?.id).toBe('xihu-people');
    expect(routeCase({ disputeType: 'private_loan', region: '330105', chosenOrganisationId: null }, ORGS)?.id).toBe('hangzhou-people');
    expect(routeCase({ disputeType: 'banking_insurance', region: '330106', chosenOrganisationId: null }, ORGS)?.id).toBe('bank');
  });
  it("puts people's mediation first on a tie", () => {
    expect(routeCase({ disputeType: 'family_neighbour', region: '330106', chosenOrganisationId: null }, ORGS)?.id).toBe('xihu-people');
  });
  it('honours the applicant’s choice only if that organisation handles the type', () => {
    expect(routeCase({ disputeType: 'family_neighbour', region: '330106', chosenOrganisationId: 'xihu-police' }, ORGS)?.id).toBe('xihu-police');
    expect(routeCase({ disputeType: 'private_loan', region: '330106', chosenOrganisationId: 'bank' }, ORGS)?.id).toBe('xihu-people');
  });
  it('finds nobody outside every region', () => {
    expect(routeCase({ disputeType: 'private_loan', region: '110105', chosenOrganisationId: null }, ORGS)).toBeNull();
  });
  it('never routes to an organisation that cannot take the case now, even the nearest or the chosen one', () => {
    const unstaffed = [
      org('xihu-police', 'police_mediation', ['family_neighbour'], ['330106'], []),
      org('hangzhou-people', 'peoples_mediation_committee', ['private_loan', 'family_neighbour'], ['330100']),
    ];
    expect(routeCase({ disputeType: 'family_neighbour', region: '330106', chosenOrganisationId: null }, unstaffed)?.id).toBe('hangzhou-people');
    expect(routeCase({ disputeType: 'family_neighbour', region: '330106', chosenOrganisationId: 'xihu-police' }, unstaffed)?.id).toBe('hangzhou-people');
    // Staffed, but with no mediator for this type.
    const noMediator = [org('xihu-people', 'peoples_mediation_committee', ['private_loan', 'family_neighbour'], ['330106'], ['private_loan'])];
    expect(routeCase({ disputeType: 'family_neighbour', region: '330106', chosenOrganisationId: null }, noMediator)).toBeNull();
  });
});
