// The reach suite (issue 12, docs/decisions/010-reach-in-one-place.md).
//
// It reads every route (page.tsx and route.ts under src/app) and every
// exported server action (every export of every "use server" file under src)
// from the file system, and fails when one has no case in
// tests/integration/reach/cases.ts. For each case it signs in, one by one,
// the cast of tests/integration/reach/world.ts who must not reach the case's
// object (another district's administrator; a coordinator of another school;
// a specialist and an assistant with no caseload or open plan link; an
// assistant whose plan ended; an assistant who serves the student through
// another plan) and proves each gets 404 (pages, route
// handlers) or NOT_FOUND (actions), writes nothing (every table but the logs
// digests the same before and after) and leaves a `denied` audit event (and
// no other).
//
// HOW TO ADD A CASE (a new route or action fails this suite until you do):
// - a route about one record: add to ROUTE_CASES, keyed by its URL pattern
//     "/meetings/[meetingId]": { params: (w) => ({ meetingId: w.meeting }) },
//   (add the record to World in world.ts, built with the factories, and
//   belonging to the world's student at North Elementary);
// - an action on one record: add to ACTION_CASES, keyed by its name, with
//   valid input naming the record (invalid input fails the case: it must get
//   as far as the reach check)
//     scheduleMeeting: { fields: (w) => ({ unverifiedStudentId: w.student.id, date: "2026-12-01" }) },
// - someone of the cast who does legitimately reach it: `reaches` with the
//   reason (e.g. specialists read their whole school); everyone else must be
//   refused;
// - a list, a home or a form for something new: `noObject` says why, and the
//   case proves the page or result holds none of `hides` (default: the
//   world's student's names and id) for anyone outside, with `shownTo` an
//   insider who does see them;
// - outside any district (sign-in): `outsideTenant` says where it is tested.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ACTION_CASES, ROUTE_CASES, type ActionCase, type RouteCase } from "./reach/cases";
import { auditCounts, callAction, callPage, callRoute, describe as describeOutcome, fingerprint, isRefusal, routeFiles, serverActions, type Outcome } from "./reach/harness";
import { buildWorld, OUTSIDERS, type Outsider, type World } from "./reach/world";
import type { Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
// The account page imports the sign-out actions, which import Auth.js: neither runs here.
vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
// The single sign-on instance (src/server/auth/sso-config.ts) is built at import, by pages that link to it: a stub.
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {}, default: () => ({ handlers: {}, signIn: vi.fn(), signOut: vi.fn(), auth: vi.fn() }) }));

const routes = routeFiles();
const actions = serverActions();

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 120_000);

describe("the reach suite knows every route and action", () => {
  it("has a case for every route under src/app, and none for a route that is gone", () => {
    const found = routes.map((r) => r.route);
    expect(found.filter((r) => !Object.hasOwn(ROUTE_CASES, r)), "routes without a case in tests/integration/reach/cases.ts (ROUTE_CASES)").toEqual([]);
    expect(Object.keys(ROUTE_CASES).filter((r) => !found.includes(r)), "cases of routes that no longer exist").toEqual([]);
  });

  it("has a case for every exported server action, and none for an action that is gone", () => {
    const names = actions.map((a) => a.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), "server actions exported under the same name from two files: rename one").toEqual([]);
    expect(names.filter((n) => !Object.hasOwn(ACTION_CASES, n)), "server actions without a case in tests/integration/reach/cases.ts (ACTION_CASES)").toEqual([]);
    expect(Object.keys(ACTION_CASES).filter((n) => !names.includes(n)), "cases of actions that no longer exist").toEqual([]);
  });

  it("finds the routes and actions there are (the enumeration itself works)", () => {
    expect(routes.length).toBeGreaterThanOrEqual(42);
    expect(routes.find((r) => r.route === "/plans/[planId]/sessions")).toMatchObject({ kind: "page", file: "src/app/(app)/plans/[planId]/sessions/page.tsx" });
    expect(routes.find((r) => r.route === "/goals/[goalId]/csv")).toMatchObject({ kind: "route" });
    expect(actions.find((a) => a.name === "editSession")).toMatchObject({ file: "src/server/sessions/actions.ts" });
    // A plain module beside the actions is not an action (probes/entry.ts is not "use server").
    expect(actions.some((a) => a.name === "saveProbesIn")).toBe(false);
  });
});

type Case = RouteCase | ActionCase;
const outsideTenant = (c: Case): c is Extract<Case, { outsideTenant: string }> => "outsideTenant" in c;
const listCase = (c: Case): c is Extract<Case, { noObject: string }> => "noObject" in c;
const hidden = (c: Case, w: World) => ((listCase(c) && c.hides) ? c.hides(w) : [w.student.id, w.student.legalLastName, w.student.legalFirstName]);

/**
 * Calls `run` as each outsider the case does not exempt and checks what the
 * suite promises: refused with a `denied` event (and no other audit event),
 * or for a list, shown nothing of `hides`; and in every case nothing written.
 */
async function proveOutsidersRefused(label: string, c: Case, run: (who: Person) => Promise<Outcome>) {
  const reaches = ("reaches" in c && c.reaches) || {};
  const failures: string[] = [];
  // Each call's "after" is the next one's "before": one digest per call.
  let after = await fingerprint();
  for (const who of OUTSIDERS.filter((o: Outsider) => !Object.hasOwn(reaches, o))) {
    const person = world.people[who];
    const before = after;
    const audit = await auditCounts(person.userId);
    const outcome = await run(person);
    after = await fingerprint();
    const auditAfter = await auditCounts(person.userId);
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    if (changed.length) failures.push(`${who}: wrote to ${changed.join(", ")} (${describeOutcome(outcome)})`);
    if (isRefusal(outcome)) {
      if (auditAfter.denied <= audit.denied) failures.push(`${who}: refused, but left no denied audit event`);
      if (auditAfter.other !== audit.other) failures.push(`${who}: refused, but left an audit event other than denied`);
      continue;
    }
    const code = outcome.kind === "result" ? (outcome.value as { error?: { code?: string } } | null)?.error?.code : undefined;
    if ("refusedAs" in c && c.refusedAs && code === c.refusedAs.code) continue;
    if (code === "INVALID_INPUT") {
      failures.push(`${who}: got past the reach check to input validation (or the case's input is invalid): ${describeOutcome(outcome)}`);
      continue;
    }
    // A list or home that sends someone elsewhere (a redirect) shows them nothing but where it sends them.
    if (listCase(c) && (outcome.kind === "rendered" || outcome.kind === "result" || outcome.kind === "redirect")) {
      const shown = outcome.kind === "redirect" ? outcome.to : outcome.text;
      const leaked = hidden(c, world).filter((s) => shown.includes(s));
      if (leaked.length) failures.push(`${who}: the page or result shows ${leaked.join(", ")}`);
      continue;
    }
    failures.push(`${who}: expected 404 / NOT_FOUND, got ${describeOutcome(outcome)}`);
  }
  expect(failures, label).toEqual([]);
}

describe("routes", () => {
  for (const route of routes) {
    const c = ROUTE_CASES[route.route];
    if (!c) continue;
    if (outsideTenant(c)) {
      it.skip(`${route.route}: outside a district (${c.outsideTenant})`, () => {});
      continue;
    }
    const call = (who: Person) => {
      const params = c.params?.(world) ?? {};
      const search = c.searchParams?.(world) ?? {};
      return route.kind === "page" ? callPage(route.file, who, params, search) : callRoute(route.file, who, params, search);
    };
    it(`${route.route} refuses everyone outside its reach`, async () => {
      await proveOutsidersRefused(route.route, c, call);
      if (listCase(c) && c.shownTo) {
        const outcome = await call(world.people[c.shownTo]);
        const text = outcome.kind === "rendered" ? outcome.text : "";
        expect(hidden(c, world).filter((s) => !text.includes(s)), `${route.route}: ${c.shownTo} should see what the others must not (${describeOutcome(outcome)})`).toEqual([]);
      }
    });
  }
});

describe("server actions", () => {
  for (const action of actions) {
    const c = ACTION_CASES[action.name];
    if (!c) continue;
    if (outsideTenant(c)) {
      it.skip(`${action.name}: outside a district (${c.outsideTenant})`, () => {});
      continue;
    }
    it(`${action.name} refuses everyone outside its reach`, async () => {
      await proveOutsidersRefused(action.name, c, (who) => callAction(action.file, action.name, who, c.fields(world), c.call ?? "state-form"));
    });
  }
});
