import type { OrganisationType } from './roles';

/**
 * R26: the moment a signed mediation agreement takes effect, per organisation type.
 * - `seal`: when every party and the mediator have signed AND an authorised person of the
 *   organisation (an org admin) applies its seal — a people's mediation committee (PML 29).
 * - `last_party_signature`: at the last party's signature once all have signed (Rules 19);
 *   the seal is then added with it.
 * This table is the configuration: change a type's entry here to change its rule.
 */
export const AGREEMENT_EFFECT_RULES = ['seal', 'last_party_signature'] as const;
export type AgreementEffectRule = (typeof AGREEMENT_EFFECT_RULES)[number];

export const AGREEMENT_EFFECT_BY_ORGANISATION_TYPE: Readonly<Record<OrganisationType, AgreementEffectRule>> = {
  peoples_mediation_committee: 'seal',
  banking_insurance: 'last_party_signature',
  maritime_fishery: 'last_party_signature',
  labour: 'last_party_signature',
  medical: 'last_party_signature',
  traffic: 'last_party_signature',
  property: 'last_party_signature',
  court_invited: 'last_party_signature',
  police_mediation: 'last_party_signature',
};

/** R26 / PML 29: the organisation types whose rule is law, not configuration (the seal). */
export const FIXED_EFFECT_TYPES: readonly OrganisationType[] = ['peoples_mediation_committee'];

export function isAgreementEffectRule(value: unknown): value is AgreementEffectRule {
  return typeof value === 'string' && (AGREEMENT_EFFECT_RULES as readonly string[]).includes(value);
}

/** R26: the rule for an organisation type; an unknown type (or none) takes the default. */
export function agreementEffectRule(type: string | null | undefined): AgreementEffectRule {
  return (type && (AGREEMENT_EFFECT_BY_ORGANISATION_TYPE as Record<string, AgreementEffectRule>)[type]) || 'last_party_signature';
}
