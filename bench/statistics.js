#!/usr/bin/env node
// @ts-check
/**
 * Issue #13: the statistics dashboard at 1M cases. On the (empty) database of DATABASE_URL: the
 * migrations, then 1,000,000 cases over 5 years and 200 organisations (20 of them under one
 * 司法局), each with its presiding mediator's assignment, written by generate_series and
 * ANALYZEd; then every dashboard query (the API's own, from the build) for an organisation's
 * month, the bureau's month, a court's month and the platform's month, timed warm (best of 3).
 * Target (TARGETS, issue #13): a dashboard under 1 s. Writes bench/results/statistics.{json,md}.
 *
 *   npx nx run api:build && DATABASE_URL=postgres://…/<empty db> node bench/statistics.js
 */
'use strict';

const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');

const URL_ = process.env.DATABASE_URL;
const CASES = Number(process.env.BENCH_CASES || 1_000_000);
const ORGS = 200;
const dist = join(__dirname, '..', 'dist/apps/api/apps/api/src');

async function main() {
  if (!URL_) throw new Error('DATABASE_URL (an empty database) is required');
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(join(dist, 'database/data-source'));
  const q = require(join(dist, 'statistics/statistics-queries'));
  const ds = new DataSource(dataSourceOptions({ url: URL_ }));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();

  const c = new Client({ connectionString: URL_ });
  await c.connect();
  const t0 = Date.now();
  const {
    rows: [bureau],
  } = await c.query(`INSERT INTO justice_bureau (name, region) VALUES ('基准司法局', '330106') RETURNING id`);
  const {
    rows: [court],
  } = await c.query(`INSERT INTO court (name, region) VALUES ('基准法院', '330106') RETURNING id`);
  const {
    rows: [filer],
  } = await c.query(`INSERT INTO app_user (mobile, name, roles, version) VALUES ('13000000000', '基准', '{citizen}', 1) RETURNING id`);
  await c.query(
    `INSERT INTO organisation (name, type, region, bureau_id) SELECT 'org ' || g, 'peoples_mediation_committee', '330106', CASE WHEN g <= 20 THEN $1::uuid END FROM generate_series(1, ${ORGS}) g`,
    [bureau.id],
  );
  await c.query(`INSERT INTO app_user (mobile, name, roles, version) SELECT '131' || lpad(g::text, 8, '0'), '调解员' || g, '{mediator}', 1 FROM generate_series(1, ${ORGS * 5}) g`);
  const orgs = (await c.query(`SELECT id FROM organisation ORDER BY name`)).rows.map((r) => r.id);
  const mediators = (await c.query(`SELECT id FROM app_user WHERE mobile LIKE '131%' ORDER BY mobile`)).rows.map((r) => r.id);
  const step = (5 * 365 * 86400) / CASES;
  await c.query(
    `INSERT INTO mediation_case (state, version, dispute_type, region, organisation_id, channel, filed_by_id, submitted_at, first_contact_at, mediator_accepted_at, termination_reason, court_id)
     SELECT (ARRAY['SUBMITTED','MEDIATING','SETTLED','TERMINATED','CLOSED','WITHDRAWN','CONFIRMED'])[1 + g % 7], 1,
            (ARRAY['private_loan','family_neighbour','labour','consumer','traffic_accident'])[1 + g % 5], '330106',
            ($1::uuid[])[1 + g % ${ORGS}], (ARRAY['self','grid_worker','police','court'])[1 + g % 4], $2,
            timestamptz '2022-01-01' + g * interval '${step} seconds',
            timestamptz '2022-01-01' + g * interval '${step} seconds' + interval '3 hours',
            timestamptz '2022-01-01' + g * interval '${step} seconds' + interval '1 day',
            CASE WHEN g % 7 IN (2, 4, 6) THEN 'agreement' END,
            CASE WHEN g % 10 = 0 THEN $3::uuid END
       FROM generate_series(1, ${CASES}) g`,
    [orgs, filer.id, court.id],
  );
  await c.query(
    `INSERT INTO case_assignment (case_id, mediator_id, role, status, assigned_at, respond_by, responded_at)
     SELECT c.id, ($1::uuid[])[1 + (abs(hashtext(c.id::text)) % ${mediators.length})], 'presiding', 'accepted', c.submitted_at, c.submitted_at + interval '3 days', c.submitted_at + interval '5 hours'
       FROM mediation_case c`,
    [mediators],
  );
  await c.query('ANALYZE');
  const loadSeconds = (Date.now() - t0) / 1000;

  const m = { query: async (sql, params) => (await c.query(sql, params)).rows };
  const month = { from: new Date('2025-03-01T00:00:00+08:00'), to: new Date('2025-04-01T00:00:00+08:00') };
  const base = { mediatorId: null, organisations: [], bureauName: null, courtName: null };
  const bureauOrgs = (await c.query(`SELECT id FROM organisation WHERE bureau_id = $1`, [bureau.id])).rows.map((r) => r.id);
  const scopes = {
    'organisation, one month': { ...base, kind: 'organisation', organisationIds: [orgs[0]], courtId: null, ...month },
    '司法局 (20 organisations), one month': { ...base, kind: 'bureau', organisationIds: bureauOrgs, courtId: null, ...month },
    'court, one month': { ...base, kind: 'court', organisationIds: null, courtId: court.id, ...month },
    'platform, one month': { ...base, kind: 'platform', organisationIds: null, courtId: null, ...month },
  };
  const results = {};
  for (const [name, s] of Object.entries(scopes)) {
    let best = Infinity;
    let filed = 0;
    for (let i = 0; i < 3; i++) {
      const started = process.hrtime.bigint();
      const groups = await q.caseGroups(m, s);
      await q.mediatorRows(m, s);
      await q.sameDayContactPairs(m, s);
      await q.respondentContactPairs(m, s);
      await q.assignmentAnswers(m, s, new Date());
      await q.complaintRows(m, s);
      await q.confirmationRows(m, s);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
      filed = groups.reduce((a, g) => a + g.n, 0);
    }
    results[name] = { casesInScope: filed, ms: Math.round(best * 10) / 10, under1s: best < 1000 };
    console.log(`${name}: ${filed} cases, ${best.toFixed(1)} ms`);
  }
  await c.end();
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  const report = { cases: CASES, organisations: ORGS, loadSeconds, target: 'dashboard < 1000 ms', results };
  writeFileSync(join(out, 'statistics.json'), JSON.stringify(report, null, 2));
  writeFileSync(
    join(out, 'statistics.md'),
    [
      `# Statistics dashboard at ${CASES.toLocaleString('en')} cases`,
      '',
      '| scope | cases in scope | all 7 queries (ms, warm, best of 3) | < 1 s |',
      '| --- | --- | --- | --- |',
      ...Object.entries(results).map(([k, r]) => `| ${k} | ${r.casesInScope} | ${r.ms} | ${r.under1s ? 'yes' : 'NO'} |`),
      '',
    ].join('\n'),
  );
  if (Object.values(results).some((r) => !r.under1s)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
