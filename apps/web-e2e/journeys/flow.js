// @ts-check
/**
 * The case that the journeys from consultation to mediation (./filing.js) take one step each;
 * ./first-load.js visits its pages afterwards.
 */
'use strict';

const flow = { caseId: '', caseNumber: '', inviteToken: '' };
function needCase() {
  if (!flow.caseId) throw new Error('needs the case the citizen files in the first of these journeys');
}

module.exports = { flow, needCase };
