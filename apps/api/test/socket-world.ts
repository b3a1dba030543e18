import { randomUUID } from 'node:crypto';
import type { CaseDetail } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { DEMO, connectOutcome, connectSocket, loginAs, startTestApp, type ClientSocket, type TestApp } from './harness';
import { mediatingCase, type Login } from './fixtures';

/**
 * The world of socket-access.spec.ts and socket-calls.spec.ts (R15, R19): one real app, a case
 * in mediation with a second mediator at hand, and plain bearer-token socket.io clients that
 * join, send and sync the way an attacker would.
 */
export function socketAccessWorld() {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, second: Login;
  let c: CaseDetail;
  const sockets: ClientSocket[] = [];
  const open = async (who: Login) => {
    const s = connectSocket(t, { token: who.accessToken });
    sockets.push(s);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    return s;
  };
  const join = async (s: ClientSocket, caseId = c.id) => {
    const res = await s.timeout(5000).emitWithAck('case:join', { caseId });
    if (!res.ok) throw new Error(`join failed: ${JSON.stringify(res)}`);
    return res.channels;
  };
  const send = (s: ClientSocket, channelId: string, body: string) => s.timeout(5000).emitWithAck('message:send', { channelId, clientId: randomUUID(), body });
  const sync = (s: ClientSocket, channelId: string) => s.timeout(5000).emitWithAck('channel:sync', { channelId, afterSeq: 0 });
  const detail = async (id = c.id) => (await t.http().get(`/api/cases/${id}`).set('Authorization', dispatcher.auth).expect(200)).body as CaseDetail;

  return {
    async start() {
      t = await startTestApp();
      db = t.app.get(DataSource);
      [applicant, respondent, dispatcher, mediator, second] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2, DEMO.mediator].map((m) => loginAs(t, m)));
      c = await mediatingCase(t, {
        applicant,
        respondent,
        dispatcher,
        mediator,
      });
    },
    async close() {
      for (const s of sockets) s.close();
      await t?.close();
    },
    get: () => ({
      t,
      db,
      applicant,
      respondent,
      dispatcher,
      mediator,
      second,
      c,
    }),
    open,
    join,
    send,
    sync,
    detail,
  };
}
