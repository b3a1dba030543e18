import { isDisputeType, type DisputeType, type Evaluation } from '@tiaojie/domain';

/**
 * The consultation's result carried into the filing form. Kept in sessionStorage rather than
 * router state so that it survives the detour through /login or /register.
 */
const KEY = 'tiaojie.consultation';

export interface ConsultationHandoff {
  disputeType: DisputeType;
  evaluation: Evaluation;
}

export function saveConsultationHandoff(handoff: ConsultationHandoff) {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(handoff));
  } catch {
    // storage unavailable: the filing form simply starts empty
  }
}

export function readConsultationHandoff(): ConsultationHandoff | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<ConsultationHandoff>;
    if (!isDisputeType(value.disputeType) || typeof value.evaluation !== 'object' || value.evaluation === null) return null;
    return { disputeType: value.disputeType, evaluation: value.evaluation };
  } catch {
    return null;
  }
}

export function clearConsultationHandoff() {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}
