import { normaliseMobile } from '@tiaojie/domain';

/** class-transformer helpers shared by the DTOs. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** "+86 138-0000-0001" → "13800000001"; anything else is left for the validator to refuse by name. */
export const mobileInput = ({ value }: { value: unknown }) => (typeof value === 'string' ? (normaliseMobile(value) ?? value) : value);
