import type { Test } from "supertest";
import { DataSource } from "typeorm";
import { mediatingCase, PNG, type Login } from "./fixtures";
import {
  DEMO,
  latestCode,
  loginAs,
  startTestApp,
  type TestApp,
} from "./harness";

/**
 * A seeded fuzz over the OpenAPI document: every documented route, as every kind of user,
 * with real ids (a case in mediation, its parties, channels, a message, a session, an
 * agreement draft) so the deep routes are reached, and with bodies, queries and paths both
 * plausible and malformed. Nothing a user sends may give a 5xx, and every 4xx carries the
 * request id. Deterministic per seed: FUZZ_SEED and FUZZ_COUNT override the defaults, and a
 * failure prints the seed and the request's index to replay it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2500);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float() {
    return this.next();
  }
  int(n: number) {
    return Math.floor(this.next() * n);
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  nullable?: boolean;
};
interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  params: Array<{ name: string; in: string }>;
  body?: Schema;
  multipart: boolean;
}

const deep = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { x: v };
  return v;
};

/** Values people and attackers send; each is fine to send anywhere and must never give a 5xx. */
const EVIL: unknown[] = [
  null,
  "",
  " ",
  "a\u0000b",
  "\u0000",
  "x".repeat(5000),
  "张三".repeat(600),
  "' OR 1=1 --",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "\ud83d\ude00",
  "\ud800",
  "2026-02-30",
  "9999-12-31T23:59:59Z",
  "-1",
  "1e400",
  "NaN",
  0,
  -1,
  1.5,
  2147483648,
  -2147483649,
  99999999999,
  1e300,
  true,
  false,
  [],
  {},
  [null],
  ["x"],
  { x: 1 },
  deep(40),
  "00000000-0000-0000-0000-000000000000",
];
const STRINGS = [
  "x",
  "张三",
  "李四",
  "13800000001",
  "13800000002",
  "2026-06-30",
  "2026-03-10T02:00:00.000Z",
  "330106",
  "20000.00",
  "123456",
  "other",
  "video",
  "given",
  "payment",
  "杭州",
  "借款两万元，逾期未还。",
];
const KEYS = [
  "version",
  "body",
  "clientId",
  "open",
  "startsAt",
  "mode",
  "partyIds",
  "note",
  "reason",
  "code",
  "contentHash",
  "consent",
  "noticeSeen",
  "mediatorId",
  "disputeType",
  "facts",
  "claims",
  "text",
  "message",
  "days",
  "toChannelId",
  "kind",
  "documentId",
  "revision",
  "partial",
  "content",
  "obligations",
  "durationMinutes",
  "separate",
  "name",
  "email",
  "disabled",
  "__proto__",
  "constructor",
];
const QUERY_NAMES = [
  "afterSeq",
  "beforeSeq",
  "limit",
  "q",
  "scope",
  "state",
  "bucket",
  "mobile",
  "from",
  "to",
  "cursor",
  "organisationId",
  "status",
];
const QUERY_VALUES = [
  "1",
  "0",
  "-1",
  "20",
  "500",
  "501",
  "2147483647",
  "2147483648",
  "99999999999",
  "1.5",
  "abc",
  "%00",
  "%E0%A4%A",
  "",
  "mine",
  "assigned",
  "organisation",
  "MEDIATING",
  "new",
  "13800000001",
  "x".repeat(300),
  "%27%20OR%201%3D1",
];
const BAD_SEGMENTS = [
  "abc",
  "0",
  "-1",
  "%00",
  "%E0%A4%A",
  "x".repeat(300),
  "..%2F..%2F",
  "%20",
  "%E5%BC%A0",
  "00000000-0000-0000-0000-000000000000",
  "null",
  "undefined",
  "1%2F2",
];

describe(`fuzz over the OpenAPI document (seed ${SEED}, ${COUNT} requests): no 5xx, request id on every 4xx`, () => {
  let t: TestApp;
  const roles: Array<{ name: string; login?: Login }> = [{ name: "anonymous" }];
  const schemas: Record<string, Schema> = {};
  let operations: Operation[] = [];
  /** Real ids by the resource a path names (`cases`, `channels`…) or by a parameter's name. */
  const ids: Record<string, string[]> = {};
  const add = (key: string, ...values: Array<string | undefined | null>) => {
    ids[key] = [...(ids[key] ?? []), ...values.filter((v): v is string => !!v)];
  };

  beforeAll(async () => {
    t = await startTestApp();
    const [applicant, respondent, dispatcher, mediator, judge, admin, intake] =
      await Promise.all([
        loginAs(t, DEMO.citizen),
        loginAs(t, DEMO.citizen2),
        loginAs(t, DEMO.orgAdmin),
        loginAs(t, DEMO.mediator),
        loginAs(t, DEMO.judge),
        loginAs(t, DEMO.admin),
        loginAs(t, DEMO.intake),
      ]);
    roles.push(
      { name: "citizen", login: applicant },
      { name: "respondent", login: respondent },
      { name: "mediator", login: mediator },
      { name: "orgAdmin", login: dispatcher },
      { name: "judge", login: judge },
      { name: "admin", login: admin },
      { name: "intake", login: intake },
    );

    // Real things for the deep routes.
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const draft = await t
      .http()
      .post("/api/cases")
      .set("Authorization", applicant.auth)
      .send({ disputeType: "private_loan", facts: "草稿" })
      .expect(201);
    add("cases", c.id, draft.body.id);
    add("partyId", ...c.parties.map((p) => p.id));
    add("documentId", ...c.documents.map((d) => d.id));
    add("assignmentId", ...c.assignments.map((a) => a.id));
    const channels = await t
      .http()
      .get(`/api/cases/${c.id}/channels`)
      .set("Authorization", mediator.auth)
      .expect(200);
    add("channels", ...channels.body.map((ch: { id: string }) => ch.id));
    add("toChannelId", ...ids.channels);
    add("mediatorId", mediator.user.id);
    add("obligorPartyId", ...ids.partyId);
    add("obligeePartyId", ...ids.partyId);
    const message = await t
      .http()
      .post(`/api/channels/${ids.channels[0]}/messages`)
      .set("Authorization", mediator.auth)
      .send({ clientId: "6f1c1a43-2a53-4f57-9b4c-9d1f33f1a002", body: "你好" });
    add("messages", message.body?.message?.id);
    const applicantParty = c.parties.find((p) => p.side === "applicant");
    const respondentParty = c.parties.find((p) => p.side === "respondent");
    const session = await t
      .http()
      .post(`/api/cases/${c.id}/sessions`)
      .set("Authorization", mediator.auth)
      .send({
        startsAt: new Date(t.clock.now().getTime() + 7200_000).toISOString(),
        mode: "video",
        separate: true,
        partyIds: [applicantParty?.id],
      });
    add("sessions", session.body?.id);
    const agreement = await t
      .http()
      .post(`/api/cases/${c.id}/agreements`)
      .set("Authorization", mediator.auth)
      .send({
        partial: false,
        content: {
          facts: "李四向张三借款两万元，到期未还。",
          disputedMatters: "借款本金。",
          responsibilities: "李四应还款。",
          otherTerms: "无。",
        },
        obligations: [
          {
            obligorPartyId: respondentParty?.id,
            obligeePartyId: applicantParty?.id,
            kind: "payment",
            description: "偿还借款",
            amount: "20000.00",
            method: "转账",
            place: "杭州",
            dueDate: "2026-06-30",
          },
        ],
      });
    add("agreements", agreement.body?.id);
    const orgs = await t.http().get("/api/organisations").expect(200);
    add(
      "organisations",
      ...orgs.body.slice(0, 3).map((o: { id: string }) => o.id),
    );
    // A stranger the admin may disable without ending a fuzzing role's session.
    await t
      .http()
      .post("/api/auth/otp")
      .send({ mobile: "13766660000", purpose: "register" })
      .expect(202);
    const reg = await t
      .http()
      .post("/api/auth/register")
      .send({
        mobile: "13766660000",
        code: await latestCode(t, "13766660000"),
        password: "stranger-pass",
        name: "路人",
        transport: "api",
      })
      .expect(201);
    add("users", reg.body.user.id, admin.user.id);
    const notes = await t.app
      .get(DataSource)
      .query("SELECT id FROM notification ORDER BY created_at LIMIT 5");
    add("notifications", ...notes.map((n: { id: string }) => n.id));

    const docs = await t.http().get("/api/docs/openapi.json").expect(200);
    Object.assign(schemas, docs.body.components?.schemas ?? {});
    operations = Object.entries(
      docs.body.paths as Record<
        string,
        Record<
          string,
          {
            parameters?: Array<{ name: string; in: string }>;
            requestBody?: { content: Record<string, { schema: Schema }> };
          }
        >
      >,
    ).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        return {
          method: method as Operation["method"],
          path,
          params: op.parameters ?? [],
          body:
            content["application/json"]?.schema ??
            content["multipart/form-data"]?.schema,
          multipart:
            !content["application/json"] && !!content["multipart/form-data"],
        };
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const resolve = (s: Schema | undefined): Schema => {
    let cur = s ?? {};
    for (let i = 0; i < 10 && cur.$ref; i++)
      cur = schemas[cur.$ref.replace("#/components/schemas/", "")] ?? {};
    if (cur.allOf?.length)
      cur = { ...resolve(cur.allOf[0]), ...cur, allOf: undefined };
    return cur;
  };

  /** A value that fits a field's name, so more bodies pass validation and reach the services. */
  function byName(r: Rand, key: string): unknown {
    if (/^(version|revision|from|to)$/.test(key)) return 1 + r.int(4);
    if (key === "partyIds") return [r.pick(ids.partyId ?? [anyId(r)])];
    if (key === "clientId")
      return `6f1c1a43-2a53-4f57-9b4c-${String(r.int(1e12)).padStart(12, "0")}`;
    if (/Id$/.test(key))
      return r.pick(ids[key] ?? ids[key.replace(/Id$/, "s")] ?? [anyId(r)]);
    if (key === "mobile") return r.pick(Object.values(DEMO));
    if (key === "code") return "123456";
    if (key === "contentHash") return "a".repeat(64);
    if (/At$/.test(key))
      return new Date(
        t.clock.now().getTime() + (1 + r.int(72)) * 3600_000,
      ).toISOString();
    if (/[dD]ate$/.test(key)) return "2026-06-30";
    if (key === "amount") return "100.00";
    return undefined;
  }

  function plausible(
    r: Rand,
    s: Schema | undefined,
    depth = 0,
    key = "",
  ): unknown {
    const schema = resolve(s);
    if (schema.enum?.length) return r.pick(schema.enum);
    if (schema.example !== undefined && r.chance(0.7))
      return structuredClone(schema.example);
    const named =
      key && schema.type !== "object" && r.chance(0.8)
        ? byName(r, key)
        : undefined;
    if (named !== undefined) return named;
    switch (schema.type) {
      case "string":
        if (schema.format === "date-time")
          return new Date(
            Date.UTC(2026, 2, 1 + r.int(60), r.int(24)),
          ).toISOString();
        return r.chance(0.4) ? anyId(r) : r.pick(STRINGS);
      case "integer":
      case "number":
        return r.pick([1, 1, 2, 3, 0, 10]);
      case "boolean":
        return r.chance(0.5);
      case "array":
        return depth > 4
          ? []
          : Array.from({ length: r.int(3) }, () =>
              plausible(r, schema.items, depth + 1, key),
            );
      case "object":
      default: {
        if (depth > 4) return {};
        if (!schema.properties) {
          // Undocumented fields (a DTO without property decorators): guess them by name.
          if (schema.type !== "object" && depth > 0)
            return r.pick([r.pick(STRINGS), 1, true, anyId(r)]);
          const guessed: Record<string, unknown> = {};
          for (let i = 0, k = 1 + r.int(4); i < k; i++) {
            const name = r.pick(KEYS);
            guessed[name] =
              byName(r, name) ?? r.pick([r.pick(STRINGS), 1, true, false]);
          }
          return guessed;
        }
        const out: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries(schema.properties)) {
          if (schema.required?.includes(key) || r.chance(0.6))
            out[key] = plausible(r, prop, depth + 1, key);
        }
        return out;
      }
    }
  }

  const anyId = (r: Rand) => {
    const all = Object.values(ids).flat();
    return all.length && r.chance(0.8)
      ? r.pick(all)
      : "6f1c1a43-2a53-4f57-9b4c-9d1f33f1a0ff";
  };

  /** The classes that reached the database or overflowed the stack come up most often. */
  const evil = (r: Rand): unknown => {
    const roll = r.float();
    if (roll < 0.25) return null;
    if (roll < 0.4) return r.pick(["\u0000", "a\u0000b", "张\u0000"]);
    if (roll < 0.5) return r.pick([2147483648, 99999999999, -2147483649, 1e20]);
    if (roll < 0.55) return deep(40 + r.int(2000));
    return structuredClone(r.pick(EVIL));
  };

  /** Replaces one value somewhere in the body, adds a stray field, or drops one. */
  function mutate(r: Rand, body: unknown): unknown {
    if (body === null || typeof body !== "object" || r.chance(0.05))
      return structuredClone(r.pick(EVIL));
    const containers: Array<Record<string, unknown> | unknown[]> = [];
    const walk = (v: unknown, depth: number) => {
      if (v && typeof v === "object" && depth < 6) {
        containers.push(v as Record<string, unknown>);
        for (const child of Object.values(v)) walk(child, depth + 1);
      }
    };
    walk(body, 0);
    const target = r.pick(containers);
    const keys = Object.keys(target);
    const roll = r.float();
    if (roll < 0.6 && keys.length)
      (target as Record<string, unknown>)[r.pick(keys)] = evil(r);
    else if (roll < 0.8)
      (target as Record<string, unknown>)[r.pick(KEYS)] = r.chance(0.5)
        ? evil(r)
        : plausible(r, undefined);
    else if (keys.length)
      delete (target as Record<string, unknown>)[r.pick(keys)];
    return r.chance(0.3) ? mutate(r, body) : body;
  }

  function pathFor(r: Rand, op: Operation) {
    const segments = op.path.split("/");
    return segments
      .map((seg, i) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m) return seg;
        const pool = ids[m[1]] ?? ids[segments[i - 1]] ?? [];
        if (pool.length && r.chance(0.8)) return pool[r.int(pool.length)];
        return r.chance(0.5) ? anyId(r) : r.pick(BAD_SEGMENTS);
      })
      .join("/");
  }

  function queryFor(r: Rand, op: Operation) {
    const names = op.params.filter((p) => p.in === "query").map((p) => p.name);
    const chosen = new Set<string>();
    for (const n of names) if (r.chance(0.8)) chosen.add(n);
    if (r.chance(0.35))
      for (let i = 0, k = 1 + r.int(3); i < k; i++)
        chosen.add(r.pick(QUERY_NAMES));
    const parts = [...chosen].map((n) => `${n}=${r.pick(QUERY_VALUES)}`);
    return parts.length ? `?${parts.join("&")}` : "";
  }

  it("answers every request with a status below 500, and every 4xx names its request id", async () => {
    const r = new Rand(SEED);
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    const reached = new Set<string>();
    for (let i = 0; i < COUNT; i++) {
      const op = r.pick(operations);
      // Ending one's own session would only make the rest of that role's requests 401s.
      const role =
        op.path === "/api/auth/logout"
          ? roles[0]
          : r.chance(0.15)
            ? roles[0]
            : r.pick(roles.slice(1));
      const url = pathFor(r, op) + queryFor(r, op);
      let req: Test = t.http()[op.method](url);
      if (role.login) req = req.set("Authorization", role.login.auth);
      let sent = "";
      const form = r.float();
      if (op.multipart && form < 0.7) {
        const fields = plausible(r, op.body) as Record<string, unknown>;
        for (const [k, v] of Object.entries(
          fields && typeof fields === "object" ? fields : {},
        )) {
          if (
            k === "file" ||
            v === undefined ||
            v === null ||
            typeof v === "object"
          )
            continue;
          req = req.field(
            k,
            String(
              r.chance(0.2)
                ? r.pick(EVIL.filter((e) => typeof e === "string"))
                : v,
            ),
          );
        }
        if (r.chance(0.8))
          req = req.attach(
            "file",
            r.chance(0.7)
              ? PNG
              : Buffer.from(
                  r.pick(["%PDF-1.4 junk", "MZ\u0090\u0000", "plain text", ""]),
                ),
            r.pick(["a.png", "a.pdf", "a.exe", "../a.png", "张.jpg"]),
          );
        sent = `multipart ${JSON.stringify(fields).slice(0, 200)}`;
      } else if (op.method !== "get" && (op.body || r.chance(0.3))) {
        if (form < 0.06) {
          const raw = r.pick([
            '{"a":',
            "[",
            "null",
            '"x"',
            "1",
            '{"a":1}{',
            "\u0000",
            '{"__proto__":{"x":1}}',
            `{"a":${"[".repeat(3000)}`,
          ]);
          req = req
            .set(
              "Content-Type",
              r.pick([
                "application/json",
                "application/json; charset=utf-16",
                "text/plain",
                "application/x-www-form-urlencoded",
              ]),
            )
            .send(raw);
          sent = `raw ${JSON.stringify(raw).slice(0, 100)}`;
        } else {
          const body = plausible(r, op.body);
          const final = r.chance(0.6) ? mutate(r, body) : body;
          req = req
            .set("Content-Type", "application/json")
            .send(JSON.stringify(final ?? null));
          sent = (JSON.stringify(final) ?? "undefined").slice(0, 300);
        }
      }
      const res = await req.ok(() => true);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status < 400)
        reached.add(`${op.method.toUpperCase()} ${op.path}`);
      const describe = `#${i} ${role.name} ${op.method.toUpperCase()} ${url.slice(0, 200)} ${sent} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      if (res.status >= 500) failures.push(describe);
      else if (
        res.status >= 400 &&
        res.type === "application/json" &&
        !res.body?.requestId
      )
        failures.push(`no requestId: ${describe}`);
    }
    console.log(
      `fuzz seed ${SEED}: ${COUNT} requests over ${operations.length} routes; statuses ${JSON.stringify(statuses)}; ${reached.size} routes answered 2xx/3xx`,
    );
    if (failures.length) {
      failures.sort(
        (x, y) => Number(y.includes("→ 5")) - Number(x.includes("→ 5")),
      );
      throw new Error(
        `${failures.length} failing responses (replay: FUZZ_SEED=${SEED} FUZZ_COUNT=${COUNT}):\n${failures.slice(0, 15).join("\n")}`,
      );
    }
    expect(operations.length).toBeGreaterThan(100);
  }, 300_000);
});
