// Hostile input (issue 21, docs/decisions/040-hostile-input-tests.md).
//
// Property-based (fast-check): EVERY exported server action (found as the
// reach suite finds them: every export of every "use server" file) gets its
// reach case's valid input with one to three fields corrupted from one shared
// set of hostile values (tests/integration/hostile/arbitraries.ts: NUL and
// lone surrogates, 200 000-character strings, impossible dates such as
// 0000-00-00, another district's ids, ids of the wrong kind, unknown fields,
// values of the wrong type), and must answer a clear refusal (an error with a
// code and a message, field errors for bad fields): never a thrown error,
// never the "Something went wrong" path with its reference id, and never a
// write (the reach suite's digest of every table, before and after). EVERY
// page and route handler gets hostile query strings and must render, answer
// 404 or redirect: never throw, never a 5xx.
//
// An action without a reach case fails the reach suite; one with a reach case
// is covered here automatically. Actions outside any district (sign-in, the
// second factor) have their fields in OUTSIDE_TENANT below: a new one fails
// the listing test until it is given its fields or a reason.
//
// Runs are seeded (HOSTILE_SEED overrides: `HOSTILE_SEED=123 npx vitest run
// tests/integration/hostile-input.test.ts` explores other inputs); a failure
// prints the seed and the path to replay it.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { signInAs, type Person } from "../support/session";
import { corruptionsOf, NUL_TEXT, queryHostile, SURROGATE_TEXT, worldIdSet, type Corruption, type Fields, type HostileIds } from "./hostile/arbitraries";
import { ACTION_CASES, ROUTE_CASES } from "./reach/cases";
import { callAction, callPage, describe as describeOutcome, fingerprint, importModule, routeFiles, serverActions, type ActionCall, type Outcome, type Params } from "./reach/harness";
import { buildWorld, type World } from "./reach/world";

// The sign-in steps' actions also ask where a pending step is (a signed-in administrator has none).
vi.mock("@/server/auth/session", () => import("../support/session").then(async (m) => ({ ...(await m.sessionModuleMock()), pendingStepPath: () => null })));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {}, default: () => ({ handlers: {}, signIn: vi.fn(), signOut: vi.fn(), auth: vi.fn() }) }));

const SEED = Number(process.env.HOSTILE_SEED ?? 21);
const ACTION_RUNS = 15;
const PAGE_RUNS = 3;
/** Route handlers render files (CSV, PDF): the heaviest calls of the suite. */
const ROUTE_RUNS = 2;

/** Actions outside any district (no reach case input): the fields their forms send, or why they take none. */
const OUTSIDE_TENANT: Record<string, { fields: Fields; call?: ActionCall } | { noInput: string }> = {
  signInAction: { fields: { email: "ada.admin@reach.test", password: "a-long-enough-password-2026" } },
  signOutAction: { noInput: "takes no input: ends the caller's own session" },
  signOutEverywhereAction: { noInput: "takes no input: ends the caller's own sessions" },
  chooseDistrictAction: { fields: { districtId: "" }, call: "form" },
  changePassword: { fields: { currentPassword: "a-long-enough-password-2026", newPassword: "another-long-password-2026", confirmPassword: "another-long-password-2026" } },
  startTwoFactorSetup: { noInput: "takes no input: starts the caller's own enrolment" },
  confirmTwoFactorSetup: { fields: { code: "123456" } },
  changeTwoFactor: { fields: { code: "123456", change: "new-codes" } },
  submitSecondFactor: { fields: { code: "123456" } },
  startSsoAction: { fields: { email: "ada.admin@reach.test", districtId: "" } },
};

/** What a crafted request can send as the whole input: (state, form) or (form) or (object) of the wrong type. */
const WHOLE_INPUT_WRONG: unknown[][] = [[null, null], [null, "x"], [null, { a: 1 }], [], [undefined, 42], ["not a form"]];

/** Actions that answer a refusal with a redirect (back to the form they came from), as Next.js does for a plain form action. */
const REFUSES_BY_REDIRECT = new Set(["chooseDistrictAction", "submitSecondFactor"]);

const actions = serverActions();
const routes = routeFiles();

let world: World;
let ids: HostileIds;
let worldIds: Set<string>;
const unexpected: string[] = [];
const consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  unexpected.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(" ").slice(0, 600));
});

beforeAll(async () => {
  world = await buildWorld();
  worldIds = worldIdSet(world);
  ids = await asOwner(async (tx) => {
    const otherSchool = await tx.school.findFirstOrThrow({ where: { districtId: world.otherDistrictId }, select: { id: true } });
    const otherStudent = await makeStudent(tx, { districtId: world.otherDistrictId, schoolId: otherSchool.id, legalFirstName: "Elsa", legalLastName: "Elsewhere" });
    const otherMeasure = await tx.measure.findFirstOrThrow({ where: { districtId: world.otherDistrictId }, select: { id: true } });
    const score = await tx.screeningScore.findFirstOrThrow({ where: { districtId: world.districtId }, select: { id: true } });
    const benchmark = await tx.benchmark.findFirstOrThrow({ where: { districtId: world.districtId }, select: { id: true } });
    const enrolment = await tx.classEnrollment.findFirstOrThrow({ where: { districtId: world.districtId }, select: { id: true } });
    return {
      otherDistrict: [otherSchool.id, otherStudent.id, otherMeasure.id, world.people.otherDistrict.membershipId],
      wrongKind: [score.id, benchmark.id, enrolment.id],
    };
  });
}, 120_000);

afterAll(() => consoleError.mockRestore());

/** The refusal every hostile call must end in, or why it is not one. */
function whyNotRefusal(outcome: Outcome, redirectOk: boolean): string | null {
  if (outcome.kind === "not-found") return null;
  if (outcome.kind === "redirect") return redirectOk ? null : `redirected to ${outcome.to} (a redirect is how actions answer success)`;
  if (outcome.kind !== "result") return describeOutcome(outcome);
  const error = (outcome.value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error) return `no refusal: ${describeOutcome(outcome)}`;
  if (error.code === "UNEXPECTED" || /something went wrong/i.test(String(error.message))) return `the unexpected-error path: ${String(error.message)}`;
  if (typeof error.message !== "string" || !error.message.trim()) return `a refusal without a message: ${describeOutcome(outcome)}`;
  return null;
}

/** Tables beside the reach suite's logs that a refused or read-only call may add to: the students an audit event names. */
const ALSO_LOGS = new Set(["AuditEventStudent"]);
const changedTables = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((t) => !ALSO_LOGS.has(t) && a[t] !== b[t]);

describe("every server action has hostile-input coverage", () => {
  it("lists every action: covered through its reach case, or through OUTSIDE_TENANT", () => {
    const uncovered = actions.filter((a) => {
      const c = ACTION_CASES[a.name];
      if (c && "fields" in c) return false;
      return !Object.hasOwn(OUTSIDE_TENANT, a.name);
    });
    expect(uncovered.map((a) => a.name), "actions with no hostile-input coverage: give them a reach case with fields, or an entry in OUTSIDE_TENANT").toEqual([]);
    expect(Object.keys(OUTSIDE_TENANT).filter((n) => !actions.some((a) => a.name === n)), "OUTSIDE_TENANT entries of actions that no longer exist").toEqual([]);
    expect(actions.length).toBeGreaterThanOrEqual(100);
  });
});

describe("hostile input to server actions: a clear refusal, nothing written", () => {
  for (const action of actions) {
    const reach = ACTION_CASES[action.name];
    const outside = OUTSIDE_TENANT[action.name];
    if (outside && "noInput" in outside) {
      it.skip(`${action.name}: ${outside.noInput}`, () => {});
      continue;
    }
    it(`${action.name}`, async () => {
      const spec = reach && "fields" in reach ? { fields: reach.fields(world), call: reach.call ?? "state-form" } : { fields: (outside as { fields: Fields }).fields, call: (outside as { call?: ActionCall }).call ?? "state-form" };
      const caller: Person = world.people.admin;
      const objectCall = spec.call === "object";
      // An upload reads its named fields only (the file, a window): other fields are never read, so not refused.
      const upload = Object.values(spec.fields).some((v) => v instanceof File);
      const arb = corruptionsOf(spec.fields, worldIds, ids, objectCall, !upload);
      const before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(arb, async (corruptions: Corruption[]) => {
          const input = corruptions.reduce((f, c) => c.apply(f), spec.fields);
          const seen = unexpected.length;
          const outcome = await callAction(action.file, action.name, caller, input as never, spec.call);
          const why = whyNotRefusal(outcome, REFUSES_BY_REDIRECT.has(action.name));
          const logged = unexpected.slice(seen);
          if (why || logged.length) throw new Error(`${corruptions.map((c) => c.label).join("; ")}: ${why ?? "refused, but logged an unexpected error"}${logged.length ? `\nlogged: ${logged.join("\n")}` : ""}`);
        }),
        { numRuns: ACTION_RUNS, seed: SEED, endOnFailure: true },
      );
      // A crafted request can send anything where the form or object should be (the whole input of the wrong type).
      const failures: string[] = [];
      const fn = (await importModule(action.file))[action.name] as (...args: unknown[]) => Promise<unknown>;
      for (const args of WHOLE_INPUT_WRONG) {
        const seen = unexpected.length;
        signInAs(caller.ctx);
        let outcome: Outcome;
        try {
          const value = await fn(...args);
          outcome = { kind: "result", value, text: JSON.stringify(value ?? null) };
        } catch (error) {
          const digest = (error as { digest?: unknown } | null)?.digest;
          outcome = typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;") ? { kind: "redirect", to: digest.split(";")[2] ?? "" } : { kind: "error", error };
        }
        const why = whyNotRefusal(outcome, REFUSES_BY_REDIRECT.has(action.name));
        if (why || unexpected.length > seen) failures.push(`${JSON.stringify(args)}: ${why ?? `logged ${unexpected.slice(seen).join(" | ")}`}`);
      }
      expect(failures, `${action.name}: the whole input of the wrong type`).toEqual([]);
      const after = await fingerprint();
      expect(changedTables(before, after), `${action.name}: hostile input wrote to these tables`).toEqual([]);
    });
  }
});

// ------------------------------------------------------------------ pages

/** Query-string keys pages read (through src/server/search-params.ts or their own parsing), and the key each page's source names. */
const COMMON_KEYS = ["q", "page", "school", "window", "area", "status", "retired", "measure", "guardian", "year", "voided", "from", "to", "tier", "student", "started", "grade", "evidence", "completed", "all", "sort", "set", "view", "table", "plan", "fba", "flag", "horizon", "kind", "date", "role", "deactivated", "logged", "before", "member", "type", "range"];

function keysOf(file: string, fixed: Params): string[] {
  const text = readFileSync(file, "utf8");
  const named = [...text.matchAll(/(?:\(await searchParams\)|\bsp|searchParams)\.(?:get\(")?([a-zA-Z]\w*)/g)].map((m) => m[1]!).filter((k) => !["then", "get", "getAll", "has", "toString"].includes(k));
  return [...new Set([...named, ...Object.keys(fixed), ...COMMON_KEYS])];
}

describe("hostile query strings: every page renders, answers 404 or redirects; no route answers 5xx", () => {
  for (const route of routes) {
    const c = ROUTE_CASES[route.route];
    if (!c || "outsideTenant" in c) continue;
    it(route.route, async () => {
      const params = c.params?.(world) ?? {};
      const fixed = c.searchParams?.(world) ?? {};
      const keys = keysOf(route.file, fixed);
      // A page that never reads its query string gets one run (it ignores what it is sent); the others the full count.
      const reads = Object.keys(fixed).length > 0 || /searchParams/.test(readFileSync(route.file, "utf8"));
      const arb = fc.array(fc.tuple(fc.constantFrom(...keys), queryHostile(ids)), { minLength: 1, maxLength: 4 }).map((pairs) => ({ ...fixed, ...Object.fromEntries(pairs) }) as Params);
      const before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(arb, async (search) => {
          const seen = unexpected.length;
          let why: string | null = null;
          if (route.kind === "page") {
            const outcome = await callPage(route.file, world.people.admin, params, search);
            if (outcome.kind === "error") why = describeOutcome(outcome);
          } else {
            why = await routeFailure(route.file, world.people.admin, params, search);
          }
          const logged = unexpected.slice(seen);
          if (why || logged.length) throw new Error(`${JSON.stringify(search).slice(0, 300)}: ${why ?? "logged an unexpected error"}${logged.length ? `\nlogged: ${logged.join("\n")}` : ""}`);
        }),
        { numRuns: reads ? (route.kind === "page" ? PAGE_RUNS : ROUTE_RUNS) : 1, seed: SEED, endOnFailure: true },
      );
      expect(changedTables(before, await fingerprint()), `${route.route}: a hostile query string wrote to these tables`).toEqual([]);
    });
  }
});

/**
 * What a crafted address can put where an id goes in the path (/students/<…>):
 * a NUL and a lone surrogate (text PostgreSQL cannot store or compare: the
 * proxy checks only the query string), 5 000 characters, another
 * district's record and a record of the wrong kind. Each is sent to every
 * dynamic segment of every page and route: a 404 (with its denied event) or a
 * redirect, never an error, never a write.
 */
const PATH_HOSTILE = (ids: HostileIds) => [NUL_TEXT[0], SURROGATE_TEXT[0], "x".repeat(5_000), ids.otherDistrict[1]!, ids.wrongKind[0]!];

describe("hostile path parameters: every page and route answers 404 or redirects, never an error; nothing written", () => {
  for (const route of routes) {
    const c = ROUTE_CASES[route.route];
    if (!c || "outsideTenant" in c || !c.params) continue;
    it(route.route, async () => {
      const valid = c.params!(world);
      const search = c.searchParams?.(world) ?? {};
      const before = await fingerprint();
      const failures: string[] = [];
      for (const key of Object.keys(valid)) {
        for (const value of PATH_HOSTILE(ids)) {
          const params = { ...valid, [key]: value };
          const seen = unexpected.length;
          let why: string | null = null;
          if (route.kind === "page") {
            const outcome = await callPage(route.file, world.people.admin, params, search);
            if (outcome.kind === "error") why = describeOutcome(outcome);
          } else {
            why = await routeFailure(route.file, world.people.admin, params, search);
          }
          const logged = unexpected.slice(seen);
          if (why || logged.length) failures.push(`${key} = ${JSON.stringify(value).slice(0, 40)}: ${why ?? `logged ${logged.join(" | ")}`}`);
        }
      }
      expect(failures, `${route.route}: a hostile path parameter`).toEqual([]);
      expect(changedTables(before, await fingerprint()), `${route.route}: a hostile path parameter wrote to these tables`).toEqual([]);
    }, 120_000);
  }
});

/** Calls a route handler's GET (the methods a link or a crafted URL reaches) and says why the answer is a failure, if it is. */
async function routeFailure(file: string, who: Person, params: Params, search: Params): Promise<string | null> {
  const mod = await importModule(file);
  const handler = mod.GET as ((req: Request, ctx: { params: Promise<Params> }) => Promise<Response>) | undefined;
  if (!handler) return null;
  const url = new URL(`http://hostile.test/${Object.values(params).join("/")}`);
  for (const [k, v] of Object.entries(search)) for (const one of [v].flat()) url.searchParams.append(k, one);
  (await import("../support/session")).signInAs(who.ctx);
  try {
    const res = await handler(new Request(url), { params: Promise.resolve(params) });
    return res.status >= 500 ? `answered ${res.status}` : null;
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT;") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404"))) return null;
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

// ------------------------------------------------ filters that are not understood

/**
 * Pages whose query string carries filters, and the filter keys each reads. A
 * malformed value for any of them must be REPORTED (issue 21): named in a
 * <FilterNotice> ("That filter was not understood (area); showing …", through
 * readQuery in src/server/search-params.ts), or refused with the page's own
 * message (the dashboards and the compliance calendar refuse the whole query
 * with a role="alert" message) — never silently dropped — and the raw value is
 * never echoed back into the page.
 */
const FILTER_PAGES: Record<string, readonly string[]> = {
  "/interventions": ["q", "area", "tier", "evidence", "retired", "page"],
  "/plans": ["status", "area", "school", "page"],
  "/caseloads": ["school", "page", "tierArea", "tier"],
  "/students": ["school", "grade", "englishLearner", "plan", "member", "tier", "flag", "archived", "sort"],
  "/sessions/oversight": ["school", "page"],
  "/goals/review": ["school", "page"],
  "/dashboards/health": ["year", "window", "school", "grade", "area", "subgroup"],
  "/dashboards/effectiveness": ["year", "school", "area"],
  "/dashboards/delivery": ["year", "school", "area"],
  "/dashboards/equity": ["year", "school", "grade"],
  "/dashboards/behavior": ["year", "school", "grade"],
  "/dashboards/compliance": ["year", "school"],
  "/compliance": ["school"],
  "/behavior/overview": ["school"],
  "/behavior/review": ["page"],
  "/students/[studentId]": ["section"],
  "/students/[studentId]/history": ["kind", "from", "to", "page"],
  "/students/[studentId]/access-record": ["from", "to"],
  "/students/[studentId]/service-log": ["from", "to"],
  "/admin/audit": ["user", "student", "from", "to"],
  "/plans/[planId]/sessions": ["page"],
  "/screening": ["school", "window"],
  "/screening/grid": ["school", "window", "grade", "page"],
  "/screening/suggestions": ["school", "window", "all", "page"],
  "/screening/classes/[classId]": ["window"],
  "/admin/screening": ["year"],
  "/admin/benchmarks": ["measure"],
  "/behavior/cards": ["day"],
  "/behavior/cards/[cardId]": ["day"],
};

/** Pages that read their query string for something other than a filter of what they list, and why no notice applies. */
const NOT_FILTERS: Record<string, string> = {
  "/plans/new": "?student= preselects a student in a form; an unknown one leaves the choice empty",
  "/sessions/new/[planId]": "?date= prefills the form's date, which the form then checks",
  "/sessions": "?logged= names the session just logged, for its confirmation",
  "/behavior/incidents/new": "?student= preselects a student in a form",
  "/behavior/cards/new": "?student= preselects a student in a form",
  "/behavior/fba/new": "?student= preselects a student in a form",
  "/behavior/abc/new": "?student= preselects a student in a form",
  "/behavior/bip/new": "?fba= preselects the assessment in a form",
  "/behavior/fba/[fbaId]": "?completed= shows a confirmation after completing the assessment",
  "/meetings/[meetingId]/recap": "?student= picks one student's recap among the meeting's",
  "/plans/[planId]/family-report/[studentId]": "?guardian= picks the guardian the report is addressed to",
};

/** Values no filter of any page accepts (a NUL, or longer than any filter), some shaped like markup or SQL to catch an echo. */
const MALFORMED_FILTER_VALUES = ["a\u0000b", "<script>alert(1)</script>\u0000", "9".repeat(300), "0000-00-00\u0000", "' OR 1=1 --\u0000"];

/** Whether a rendered page tree reports that key as not understood, or refuses the query with a message. */
function reportsFilter(tree: unknown, key: string): boolean {
  let found = false;
  const seen = new WeakSet<object>();
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    const el = node as { type?: unknown; props?: Record<string, unknown> };
    const props = el.props;
    if (props && typeof props === "object") {
      const name = typeof el.type === "function" ? el.type.name : "";
      if (name === "FilterNotice" && Array.isArray(props.notUnderstood) && props.notUnderstood.includes(key)) found = true;
      else if (name === "FilterRefused" && typeof props.message === "string" && props.message) found = true;
      // A page that refuses the whole query with its own message(s) or field errors (the compliance calendar,
      // the history, the record of access, the service log, the audit log): an alert, a field's errors, or data saying so.
      else if (props.role === "alert" || refusal(props) || Object.values(props).some(refusal)) found = true;
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(tree);
  return found;
}

describe("a filter that is not understood is reported, never silently ignored nor echoed", () => {
  it("every page that reads its query string is listed: filters that report, or not a filter (why)", () => {
    const reading = routes.filter((r) => r.kind === "page" && !(ROUTE_CASES[r.route] && "outsideTenant" in ROUTE_CASES[r.route]!) && /searchParams/.test(readFileSync(r.file, "utf8"))).map((r) => r.route);
    const listed = new Set([...Object.keys(FILTER_PAGES), ...Object.keys(NOT_FILTERS)]);
    expect(reading.filter((r) => !listed.has(r)).sort(), "pages that read their query string but are in no list").toEqual([]);
    expect([...listed].filter((r) => !reading.includes(r)).sort(), "listed pages that do not exist or read no query string").toEqual([]);
  });

  for (const [route, keys] of Object.entries(FILTER_PAGES)) {
    it(route, async () => {
      const r = routes.find((x) => x.route === route && x.kind === "page")!;
      const mod = await importModule(r.file);
      const page = mod.default as (props: { params: Promise<Params>; searchParams: Promise<Params> }) => Promise<unknown>;
      const c = ROUTE_CASES[route];
      const params = c && !("outsideTenant" in c) ? (c.params?.(world) ?? {}) : {};
      const before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...keys), fc.constantFrom(...MALFORMED_FILTER_VALUES), async (key, value) => {
          signInAs(world.people.admin.ctx);
          const tree = await page({ params: Promise.resolve(params), searchParams: Promise.resolve({ [key]: value }) });
          const text = outsideFormFields(tree);
          if (!reportsFilter(tree, key)) throw new Error(`${route}?${key}=${JSON.stringify(value).slice(0, 40)}: the page ignored the filter without a message`);
          if (text.includes(JSON.stringify(value).slice(1, -1))) throw new Error(`${route}?${key}=…: the page echoed the raw value`);
        }),
        { numRuns: Math.min(12, keys.length * 2), seed: SEED, endOnFailure: true },
      );
      expect(changedTables(before, await fingerprint()), `${route}: a malformed filter wrote to these tables`).toEqual([]);
      // The first call of a page compiles it and what it imports: slow on a busy machine.
    }, 120_000);
  }
});

/** Data a page renders that refuses its query: { ok: false, message(s) }, or a non-empty map of field errors. */
function refusal(v: unknown): boolean {
  if (!v || typeof v !== "object") return false;
  const o = v as { ok?: unknown; message?: unknown; messages?: unknown; errors?: unknown };
  if (o.ok === false && (typeof o.message === "string" || (Array.isArray(o.messages) && o.messages.length > 0))) return true;
  return !!o.errors && typeof o.errors === "object" && Object.keys(o.errors).length > 0;
}

/** The page tree as text without the values of form fields (React escapes those; a filter form may show what was typed, to correct it). */
function outsideFormFields(tree: unknown): string {
  const FIELD_KEYS = new Set(["defaultValue", "value", "values", "initialValues"]);
  const seen = new WeakSet<object>();
  return (
    JSON.stringify(tree, (key, v: unknown) => {
      if (FIELD_KEYS.has(key) || typeof v === "function") return undefined;
      if (v && typeof v === "object") {
        if (seen.has(v)) return undefined;
        seen.add(v);
      }
      return v;
    }) ?? ""
  );
}
