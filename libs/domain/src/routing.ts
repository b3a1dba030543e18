import type { OrganisationType } from './roles';

/** What routing needs to know of an organisation. */
export interface RoutableOrganisation {
  id: string;
  name: string;
  type: OrganisationType;
  disputeTypes: readonly string[];
  regions: readonly string[];
  /**
   * The dispute types it can take now: it has an active dispatcher and, for each type, at least
   * one active mediator who handles it. An organisation nobody staffs takes nothing.
   */
  takesNow: readonly string[];
}

/** Length of the shared prefix of two administrative division codes (province 2, city 4, county 6). */
export function regionMatch(caseRegion: string | null, orgRegions: readonly string[]): number {
  if (!caseRegion) return 0;
  let best = 0;
  for (const r of orgRegions) {
    const prefix = r.replace(/0+$/, '');
    if (caseRegion.startsWith(prefix)) best = Math.max(best, prefix.length);
  }
  return best;
}

/** Whether the organisation handles the dispute type and can take such a case now. */
export function canTakeNow(o: RoutableOrganisation, disputeType: string): boolean {
  return o.disputeTypes.includes(disputeType) && o.takesNow.includes(disputeType);
}

/**
 * Routes a submitted case to an organisation that can take it now: the one the applicant chose
 * if it can; otherwise the one nearest to where the dispute arose (county before city before
 * province), people's mediation committees first on a tie. Never an organisation nobody staffs
 * (issue #11: a neighbour dispute went to a police office without a dispatcher). The filing
 * screen recommends the same organisation (it calls this function with the public list).
 */
export function routeCase<T extends RoutableOrganisation>(input: { disputeType: string; region: string | null; chosenOrganisationId: string | null }, organisations: readonly T[]): T | null {
  const able = organisations.filter((o) => canTakeNow(o, input.disputeType));
  const chosen = able.find((o) => o.id === input.chosenOrganisationId);
  if (chosen) return chosen;
  const ranked = able
    .map((o) => ({ o, score: regionMatch(input.region, o.regions) }))
    .filter((x) => x.score > 0 || !input.region)
    .sort((a, b) => b.score - a.score || Number(b.o.type === 'peoples_mediation_committee') - Number(a.o.type === 'peoples_mediation_committee') || a.o.name.localeCompare(b.o.name));
  return ranked[0]?.o ?? null;
}
