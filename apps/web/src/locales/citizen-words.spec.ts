/**
 * Citizen screens use citizen words (issue #11): no hashes, no "JSON", no "移送" in the Chinese
 * texts a party reads. Staff jargon (the court's and the mediator's screens) may stay.
 */
import { describe, expect, it } from 'vitest';
import casePage from './zh-CN/casePage.json';
import ending from './zh-CN/ending.json';
import mediation from './zh-CN/mediation.json';
import noticePages from './zh-CN/noticePages.json';
import settlement from './zh-CN/settlement.json';

const JARGON = /移送|JSON|哈希|SHA|摘要/;
/** Texts within those namespaces that only staff see. */
const STAFF_ONLY = new Set(['settlement.signing.startHint']);

/** Every string under an object, with its key path. */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

// What a party sees: the case timeline and notices, the agreement signing dialog, the ending
// panel's parts for parties (routes after failure, escalation, the filing's status for parties),
// and the separate sessions' warnings.
const CITIZEN_TEXTS: [string, unknown][] = [
  ['casePage', casePage],
  ['noticePages', noticePages],
  ['settlement.signing', settlement.signing],
  ['ending.routes', ending.routes],
  ['ending.escalate', ending.escalate],
  ['ending.filing.titleParty', ending.filing.titleParty],
  ['ending.filing.statusParty', ending.filing.statusParty],
  ['mediation', mediation],
];

describe('citizen words in the Chinese texts parties read', () => {
  it.each(CITIZEN_TEXTS)('%s: no hashes, no JSON, no 移送', (name, texts) => {
    const jargon = strings(texts, name).filter(([path, text]) => !STAFF_ONLY.has(path) && JARGON.test(text));
    expect(jargon).toEqual([]);
  });
});

describe('no stale texts (issue #11)', () => {
  it('opening an invitation is not "accepted the invitation": consent is its own event', async () => {
    const en = (await import('./en/casePage.json')).default;
    const opened = [casePage.timeline.events.invitation_claimed, en.timeline.events.invitation_claimed];
    for (const text of opened) expect(text).not.toMatch(/接受|accept|took up/i);
  });
});
