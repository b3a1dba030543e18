import type { DisputeType } from '@tiaojie/contracts';
import type { Organisation } from '../organisations/organisation.entity';

/** Length of the shared prefix of two administrative division codes (province 2, city 4, county 6). */
function regionMatch(caseRegion: string | null, orgRegions: string[]): number {
  if (!caseRegion) return 0;
  let best = 0;
  for (const r of orgRegions) {
    const prefix = r.replace(/0+$/, '');
    if (caseRegion.startsWith(prefix)) best = Math.max(best, prefix.length);
  }
  return best;
}

/**
 * Routes a submitted case to an organisation: the one the applicant chose if it handles the
 * dispute type; otherwise the organisation that handles the type nearest to where the dispute
 * arose (county before city before province), people's mediation committees first on a tie.
 */
export function routeCase(
  input: { disputeType: DisputeType; region: string | null; chosenOrganisationId: string | null },
  organisations: Organisation[],
): Organisation | null {
  const handles = organisations.filter((o) => o.disputeTypes.includes(input.disputeType));
  const chosen = handles.find((o) => o.id === input.chosenOrganisationId);
  if (chosen) return chosen;
  const ranked = handles
    .map((o) => ({ o, score: regionMatch(input.region, o.regions) }))
    .filter((x) => x.score > 0 || !input.region)
    .sort((a, b) => b.score - a.score || Number(b.o.type === 'peoples_mediation_committee') - Number(a.o.type === 'peoples_mediation_committee') || a.o.name.localeCompare(b.o.name));
  return ranked[0]?.o ?? null;
}
