// @ts-check
/**
 * Loader of bench/scale.js: fills a freshly migrated database with a province's worth of data,
 * server side (INSERT … SELECT over generate_series: no rows cross the wire, so 1M cases and 10M
 * messages load in minutes). Every NOT NULL, unique key and foreign key of the schema holds.
 *
 * Shape (C cases, M messages; seeded, so a run is reproducible):
 *   organisations  max(4, C/5000), regions spread over 20 codes; 10 mediators and one dispatcher
 *                  (org_admin) each, with memberships and mediator profiles
 *   citizens       max(1000, C/2) accounts; each case has an applicant (the filer, an account)
 *                  and a respondent (an account in 70% of cases)
 *   cases          states in realistic proportions (most closed or ended; the active ones
 *                  recent), 8 dispute types, 5 intake channels, created over the last 2 years;
 *                  organisation 0 takes ~6% of all cases and its mediator 0 ~1% (the big queues)
 *   assignments    one per case past acceptance (30% still pending in ACCEPTED)
 *   channels       per case in a readable state: a caucus per party, the joint channel, notes
 *   messages       M in all, per channel from a Pareto draw (α 1.5): most channels a handful or
 *                  none, a few thousands; the bench case's applicant caucus gets LONG_CHANNEL
 *   events         two per submitted case (filed, submitted)
 *   notifications  three per submitted case (SMS, e-mail, in-app), almost all sent or read,
 *                  a few pending (the outbox's due index has real work)
 * Secondary indexes of the big tables are dropped during the load and rebuilt after it (one
 * sorted build each instead of 10M random inserts); then VACUUM ANALYZE.
 */

const REGIONS = [
  '110000',
  '120000',
  '310000',
  '320100',
  '330100',
  '340100',
  '350100',
  '360100',
  '370100',
  '410100',
  '420100',
  '430100',
  '440100',
  '440300',
  '450100',
  '500000',
  '510100',
  '520100',
  '530100',
  '610100',
];
const DISPUTE_TYPES = ['private_loan', 'family_neighbour', 'property_management', 'labour', 'traffic_accident', 'consumer', 'banking_insurance', 'medical', 'other'];
/** [state, cumulative share]: most of two years of cases are over. */
const STATES = [
  ['DRAFT', 0.03],
  ['SUBMITTED', 0.07],
  ['RETURNED', 0.085],
  ['WITHDRAWN', 0.11],
  ['ACCEPTED', 0.15],
  ['MEDIATING', 0.25],
  ['SUSPENDED', 0.255],
  ['SETTLED', 0.34],
  ['CONFIRMATION_REQUESTED', 0.36],
  ['CONFIRMED', 0.42],
  ['CONFIRMATION_REJECTED', 0.43],
  ['TERMINATED', 0.51],
  ['ESCALATED', 0.54],
  ['CLOSED', 1],
];
const ACTIVE = ['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED', 'MEDIATING', 'SUSPENDED', 'CONFIRMATION_REQUESTED'];
const ASSIGNED = ['ACCEPTED', 'MEDIATING', 'SUSPENDED', 'SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'TERMINATED', 'ESCALATED', 'CLOSED'];
const READABLE = ASSIGNED;
const ENDED = ['SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'TERMINATED', 'ESCALATED', 'CLOSED'];
const BIG_TABLES = ['mediation_case', 'case_party', 'case_assignment', 'conversation_channel', 'channel_message', 'notification', 'case_event', 'app_user', 'membership'];
const NO_PARTY = '00000000-0000-0000-0000-000000000000';

const list = (xs) => xs.map((x) => `'${x}'`).join(',');
const stateCase = STATES.map(([s, p]) => `WHEN r < ${p} THEN '${s}'`).join(' ');

/**
 * @param {import('pg').Client} c a client on the migrated database
 * @param {{cases: number, messages: number, longChannel: number, log: (s: string) => void}} o
 * @returns {Promise<{seconds: Record<string, number>, counts: Record<string, number>, bench: {caseId: string, mediatorId: string, dispatcherId: string, partyId: string, channelId: string, sessions: Record<string, string>}}>}
 */
async function load(c, o) {
  const C = o.cases;
  const O = Math.max(4, Math.ceil(C / 5000));
  const U = Math.max(1000, Math.floor(C / 2));
  /** @type {Record<string, number>} */
  const seconds = {};
  const step = async (name, sql, params = []) => {
    const t0 = Date.now();
    await c.query(sql, params);
    seconds[name] = (seconds[name] ?? 0) + (Date.now() - t0) / 1000;
    o.log(`  ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await c.query(`SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SELECT setseed(0.42)`);

  // Secondary indexes off during the load (rebuilt, sorted, at the end). Primary keys stay: foreign keys need them.
  const { rows: indexes } = await c.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [BIG_TABLES],
  );
  for (const ix of indexes) await c.query(`DROP INDEX ${ix.name}`);

  await step(
    'organisations',
    `CREATE TEMP TABLE b_org AS SELECT o, gen_random_uuid() AS id, (ARRAY[${list(REGIONS)}])[1 + o % ${REGIONS.length}] AS region FROM generate_series(0, $1::int - 1) o;
     INSERT INTO organisation (id, name, type, region, dispute_types, regions)
       SELECT id, 'Mediation committee ' || o, CASE WHEN o % 5 = 0 THEN 'court_invited' ELSE 'peoples_mediation_committee' END, region, ARRAY[${list(DISPUTE_TYPES)}], ARRAY[region] FROM b_org`.replace(
      '$1::int',
      String(O),
    ),
  );
  await step(
    'staff',
    `CREATE TEMP TABLE b_med AS SELECT k, gen_random_uuid() AS id, k / 10 AS org FROM generate_series(0, ${O * 10 - 1}) k;
     CREATE TEMP TABLE b_disp AS SELECT o AS org, gen_random_uuid() AS id FROM b_org;
     INSERT INTO app_user (id, mobile, name, roles, version) SELECT id, '15' || lpad(k::text, 9, '0'), 'Mediator ' || k, '{mediator}', 1 FROM b_med;
     INSERT INTO app_user (id, mobile, name, roles, version) SELECT id, '16' || lpad(org::text, 9, '0'), 'Dispatcher ' || org, '{org_admin}', 1 FROM b_disp;
     INSERT INTO membership (user_id, organisation_id, role) SELECT m.id, o.id, 'mediator' FROM b_med m JOIN b_org o ON o.o = m.org;
     INSERT INTO membership (user_id, organisation_id, role) SELECT d.id, o.id, 'org_admin' FROM b_disp d JOIN b_org o ON o.o = d.org;
     INSERT INTO mediator_profile (user_id, dispute_types, bio, years_of_practice) SELECT id, ARRAY[${list(DISPUTE_TYPES)}], 'Mediator', 1 + k % 20 FROM b_med`,
  );
  await step(
    'citizens',
    `CREATE TEMP TABLE b_cit AS SELECT u, gen_random_uuid() AS id, '13' || lpad(u::text, 9, '0') AS mobile FROM generate_series(0, ${U - 1}) u;
     ALTER TABLE b_cit ADD PRIMARY KEY (u);
     INSERT INTO app_user (id, mobile, name, roles, version, created_at) SELECT id, mobile, 'Citizen ' || u, '{citizen}', 1, now() - (u % 730) * interval '1 day' FROM b_cit`,
  );
  // The cases' draw, kept in a temp table that every later step joins on.
  await step(
    'case draw',
    `CREATE TEMP TABLE b_case AS
     SELECT g, id, org, med, state, app_u, res_u, app_pid, res_pid, dtype, created,
            LEAST(now(), created + (random() * CASE WHEN state = ANY('{${ACTIVE.join(',')}}') THEN 3 ELSE 120 END) * interval '1 day') AS updated
       FROM (SELECT g, id, org, med, state, app_u, res_u, app_pid, res_pid, dtype,
                    now() - (CASE WHEN state = ANY('{${ACTIVE.join(',')}}') THEN random() * 60 ELSE 60 + random() * 670 END) * interval '1 day' AS created
               FROM (SELECT g, gen_random_uuid() AS id,
                            CASE WHEN g = 1 THEN 'MEDIATING' ELSE CASE ${stateCase} END END AS state,
                            CASE WHEN g % 100 = 1 OR g % 20 = 0 THEN 0 ELSE (hashint4(g) & 2147483647) % ${O} END AS org0,
                            (hashint4(g * 7) & 2147483647) % ${U} AS app_u,
                            CASE WHEN g = 1 OR random() < 0.7 THEN (hashint4(g * 13 + 1) & 2147483647) % ${U} END AS res_u,
                            gen_random_uuid() AS app_pid, gen_random_uuid() AS res_pid,
                            (ARRAY[${list(DISPUTE_TYPES)}])[1 + (hashint4(g * 3) & 2147483647) % ${DISPUTE_TYPES.length}] AS dtype
                       FROM (SELECT g, random() AS r FROM generate_series(1, ${C}) g) s) d
              CROSS JOIN LATERAL (SELECT d.org0 AS org, CASE WHEN d.g % 100 = 1 THEN 0 ELSE d.org0 * 10 + (hashint4(d.g * 5) & 2147483647) % 10 END AS med) x) e;
     ALTER TABLE b_case ADD PRIMARY KEY (g); ANALYZE b_case`,
  );
  await step(
    'cases',
    `INSERT INTO mediation_case (id, number, state, version, dispute_type, facts, claim_amount, region, organisation_id, channel, filed_by_id,
                                 submitted_at, accepted_at, mediator_accepted_at, first_contact_at, mediation_started_at, ended_at, created_at, updated_at)
     SELECT b.id, CASE WHEN b.state <> 'DRAFT' THEN 'TJ-' || to_char(b.created, 'YYYY') || '-' || lpad(b.g::text, 7, '0') END, b.state, 1 + b.g % 5, b.dtype,
            'Facts of case ' || b.g || ': ' || repeat('借款未还，多次催要无果。', 1 + b.g % 6), (b.g % 500) * 1000 + 0.5, o.region,
            CASE WHEN b.state <> 'DRAFT' THEN o.id END,
            (ARRAY['self','self','self','agent','grid_worker','police','court'])[1 + b.g % 7], u.id,
            CASE WHEN b.state <> 'DRAFT' THEN b.created + interval '1 hour' END,
            CASE WHEN b.state = ANY('{${ASSIGNED.join(',')}}') THEN b.created + interval '1 day' END,
            CASE WHEN b.state = ANY('{${ASSIGNED.join(',')}}') AND b.state <> 'ACCEPTED' THEN b.created + interval '2 days' END,
            CASE WHEN b.state = ANY('{${ASSIGNED.join(',')}}') AND (b.state <> 'ACCEPTED' OR b.g % 2 = 0) THEN b.created + interval '30 hours' END,
            CASE WHEN b.state = ANY('{${READABLE.join(',')}}') AND b.state <> 'ACCEPTED' THEN b.created + interval '3 days' END,
            CASE WHEN b.state = ANY('{${ENDED.join(',')},WITHDRAWN}') THEN b.updated END,
            b.created, b.updated
       FROM b_case b JOIN b_org o ON o.o = b.org JOIN b_cit u ON u.u = b.app_u`,
  );
  await step(
    'parties',
    `INSERT INTO case_party (id, case_id, side, name, mobile, user_id, consent, consent_at, position, created_at)
     SELECT b.app_pid, b.id, 'applicant', 'Applicant ' || b.g, u.mobile, u.id, CASE WHEN b.state = 'DRAFT' THEN 'pending' ELSE 'given' END,
            CASE WHEN b.state <> 'DRAFT' THEN b.created END, 0, b.created
       FROM b_case b JOIN b_cit u ON u.u = b.app_u;
     INSERT INTO case_party (id, case_id, side, name, mobile, user_id, consent, consent_at, position, created_at)
     SELECT b.res_pid, b.id, 'respondent', 'Respondent ' || b.g, COALESCE(u.mobile, '139' || lpad(b.g::text, 8, '0')), u.id,
            CASE WHEN b.state = ANY('{${READABLE.join(',')}}') AND b.state <> 'ACCEPTED' THEN 'given' ELSE 'pending' END,
            CASE WHEN b.state = ANY('{${READABLE.join(',')}}') AND b.state <> 'ACCEPTED' THEN b.created + interval '2 days' END, 1, b.created
       FROM b_case b LEFT JOIN b_cit u ON u.u = b.res_u`,
  );
  await step(
    'assignments',
    `INSERT INTO case_assignment (case_id, mediator_id, status, assigned_at, respond_by, responded_at)
     SELECT b.id, m.id, CASE WHEN b.state = 'ACCEPTED' AND b.g % 10 < 3 THEN 'pending' ELSE 'accepted' END,
            b.created + interval '1 day', b.created + interval '2 days', CASE WHEN NOT (b.state = 'ACCEPTED' AND b.g % 10 < 3) THEN b.created + interval '2 days' END
       FROM b_case b JOIN b_med m ON m.k = b.med WHERE b.state = ANY('{${ASSIGNED.join(',')}}')`,
  );
  await step(
    'channels',
    `CREATE TEMP TABLE b_chan AS
     SELECT gen_random_uuid() AS id, b.g, b.id AS case_id, k.kind, k.party_id, k.party_user, m.id AS med_user, b.created + interval '3 days' AS t0,
            CASE WHEN b.g = 1 AND k.kind = 'caucus' AND k.party_id = b.app_pid THEN -1
                 ELSE power(1 - random(), -1 / 1.5) * CASE k.kind WHEN 'notes' THEN 0.2 WHEN 'joint' THEN 0.5 ELSE 1 END END AS w
       FROM b_case b JOIN b_med m ON m.k = b.med
       LEFT JOIN b_cit a ON a.u = b.app_u LEFT JOIN b_cit r ON r.u = b.res_u
      CROSS JOIN LATERAL (VALUES ('caucus', b.app_pid, a.id), ('caucus', b.res_pid, r.id), ('joint', '${NO_PARTY}'::uuid, a.id), ('notes', '${NO_PARTY}'::uuid, NULL::uuid)) k(kind, party_id, party_user)
      WHERE b.state = ANY('{${READABLE.join(',')}}') AND b.state <> 'ACCEPTED'`,
  );
  // Message counts: scale the Pareto weights so the floors add up to about M (one correction pass).
  const { rows: sums } = await c.query(`SELECT sum(w) FILTER (WHERE w > 0) AS w FROM b_chan`);
  const budget = Math.max(0, o.messages - o.longChannel);
  let scale = budget / Number(sums[0].w || 1);
  const { rows: got } = await c.query(`SELECT sum(LEAST(20000, floor(w * $1))) AS n FROM b_chan WHERE w > 0`, [scale]);
  scale *= budget / Math.max(1, Number(got[0].n));
  await step(
    'channel rows',
    `ALTER TABLE b_chan ADD COLUMN n int; UPDATE b_chan SET n = CASE WHEN w < 0 THEN ${o.longChannel} ELSE LEAST(20000, floor(w * ${scale}))::int END;
     INSERT INTO conversation_channel (id, case_id, kind, party_id, open, last_seq, created_at) SELECT id, case_id, kind, party_id, kind = 'joint' AND g % 3 = 0, n, t0 FROM b_chan`,
  );
  await step(
    'messages',
    `INSERT INTO channel_message (channel_id, seq, sender_id, sender_role, client_id, kind, body, created_at)
     SELECT ch.id, s, CASE WHEN ch.party_user IS NOT NULL AND s % 2 = 1 THEN ch.party_user ELSE ch.med_user END,
            CASE WHEN ch.party_user IS NOT NULL AND s % 2 = 1 THEN 'party' ELSE 'mediator' END, gen_random_uuid(), 'text',
            'Message ' || s || ': ' || repeat('关于还款时间的意见。', 1 + s % 8), ch.t0 + s * interval '97 seconds'
       FROM b_chan ch CROSS JOIN LATERAL generate_series(1, ch.n) s WHERE ch.n > 0`,
  );
  await step(
    'events',
    `INSERT INTO case_event (case_id, seq, type, to_state, actor_id, actor_role, created_at)
     SELECT b.id, 1, 'created', 'DRAFT', u.id, 'citizen', b.created FROM b_case b JOIN b_cit u ON u.u = b.app_u;
     INSERT INTO case_event (case_id, seq, type, from_state, to_state, actor_id, actor_role, created_at)
     SELECT b.id, 2, 'submitted', 'DRAFT', 'SUBMITTED', u.id, 'citizen', b.created + interval '1 hour' FROM b_case b JOIN b_cit u ON u.u = b.app_u WHERE b.state <> 'DRAFT'`,
  );
  await step(
    'notifications',
    `INSERT INTO notification (dedup_key, case_id, recipient_user_id, recipient_mobile, recipient_email, recipient_role, channel, template, params, status, attempts, next_attempt_at, sent_at, read_at, created_at)
     SELECT 'bench:' || b.g || ':' || k.n, b.id, CASE WHEN k.channel = 'in_app' THEN COALESCE(m.id, u.id) END, CASE WHEN k.channel = 'sms' THEN u.mobile END,
            CASE WHEN k.channel = 'email' THEN 'c' || b.app_u || '@example.cn' END, CASE WHEN k.channel = 'in_app' AND m.id IS NOT NULL THEN 'mediator' ELSE 'applicant' END,
            k.channel, k.template, jsonb_build_object('caseNumber', 'TJ-' || lpad(b.g::text, 7, '0')),
            CASE WHEN b.g % 1000 = 0 THEN 'pending' ELSE 'sent' END, 1, b.created + interval '1 hour',
            CASE WHEN b.g % 1000 <> 0 THEN b.created + interval '1 hour 1 minute' END,
            CASE WHEN k.channel = 'in_app' AND b.g % 10 <> 0 THEN b.created + interval '1 day' END, b.created + interval '1 hour'
       FROM b_case b JOIN b_cit u ON u.u = b.app_u LEFT JOIN b_med m ON m.k = b.med AND b.state = ANY('{${ASSIGNED.join(',')}}')
      CROSS JOIN LATERAL (VALUES (1, 'sms', 'case_submitted'), (2, 'email', 'case_submitted'), (3, 'in_app', 'mediator_assigned')) k(n, channel, template)
      WHERE b.state <> 'DRAFT'`,
  );
  await step('indexes', indexes.map((ix) => ix.def).join(';\n') || 'SELECT 1');
  // The bench's actors: mediator 0 (≈1% of all cases), organisation 0's dispatcher (≈6%), the applicant of case 1 (a long caucus).
  const { rows: actors } = await c.query(
    `SELECT b.id AS case_id, (SELECT id FROM b_med WHERE k = 0) AS mediator_id, (SELECT id FROM b_disp WHERE org = 0) AS dispatcher_id, u.id AS party_id,
            (SELECT id FROM b_chan WHERE g = 1 AND w < 0) AS channel_id
       FROM b_case b JOIN b_cit u ON u.u = b.app_u WHERE b.g = 1`,
  );
  const a = actors[0];
  /** @type {Record<string, string>} */
  const sessions = {};
  for (const [who, userId] of [
    ['mediator', a.mediator_id],
    ['dispatcher', a.dispatcher_id],
    ['party', a.party_id],
  ]) {
    const { rows } = await c.query(`INSERT INTO auth_session (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`, [userId]);
    sessions[who] = rows[0].id;
  }
  const t0 = Date.now();
  for (const t of BIG_TABLES) await c.query(`VACUUM (ANALYZE) ${t}`);
  seconds['vacuum analyze'] = (Date.now() - t0) / 1000;
  o.log(`  vacuum analyze: ${seconds['vacuum analyze'].toFixed(1)} s`);
  /** @type {Record<string, number>} */
  const counts = {};
  for (const t of [...BIG_TABLES, 'organisation']) counts[t] = Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  const { rows: q } = await c.query(
    `SELECT (SELECT count(*) FROM case_assignment WHERE mediator_id = $1 AND status IN ('pending','accepted')) AS mediator_queue,
            (SELECT count(*) FROM mediation_case c JOIN organisation o ON o.id = c.organisation_id WHERE o.id = (SELECT organisation_id FROM membership WHERE user_id = $2)) AS organisation_queue,
            (SELECT max(last_seq) FROM conversation_channel) AS longest_channel,
            (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY last_seq) FROM conversation_channel) AS median_channel`,
    [a.mediator_id, a.dispatcher_id],
  );
  Object.assign(counts, Object.fromEntries(Object.entries(q[0]).map(([k, v]) => [k, Number(v)])));
  return { seconds, counts, bench: { caseId: a.case_id, mediatorId: a.mediator_id, dispatcherId: a.dispatcher_id, partyId: a.party_id, channelId: a.channel_id, sessions } };
}

module.exports = { load, BIG_TABLES };
