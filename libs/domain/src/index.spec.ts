import * as domain from './index';

describe('public API (@tiaojie/domain)', () => {
  it('keeps the names other projects already import', () => {
    for (const name of ['ROLES', 'isRole', 'INTAKE_CHANNELS', 'ORGANISATION_TYPES']) expect(domain).toHaveProperty(name);
  });

  it('exports every module', () => {
    for (const name of [
      'DomainError',
      'CASE_STATES',
      'canTransition',
      'nextState',
      'availableActions',
      'progressSteps',
      'can',
      'PERMISSIONS',
      'WorkingCalendar',
      'DEADLINES',
      'addWorkingDays',
      'deadlineStatus',
      'validateIdNumber',
      'normaliseMobile',
      'parseCny',
      'formatCny',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
