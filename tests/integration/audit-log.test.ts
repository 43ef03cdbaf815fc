// The administrator's audit log: filters, keyset pagination, actor names, and
// that only the district's own events are shown.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { AUDIT_PAGE_SIZE, getAuditLog } from "@/server/audit/queries";
import { makeAuditEvent, makeDistrict, makeMembership, makePlan, makeSchool, makeSession, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, NOT_FOUND } from "../support/session";

// getAuditLog takes its Ctx as an argument; the mock only keeps the real
// session module (Auth.js) from loading.
vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));

const STUDENT = "5d0c6a3e-3f0e-4b8e-9a57-1b2c3d4e5f60";
const PAGED = 2 * AUDIT_PAGE_SIZE + 20;

let districtId: string;
let admin: Ctx;
let coordinator: Ctx;
let pat: string;
let lee: string;
let pager: string;
let outsider: string;

const at = (iso: string) => new Date(iso);
const ids = (events: { id: string }[]) => events.map((e) => e.id);

beforeAll(async () => {
  await asOwner(async (tx) => {
    const district = await makeDistrict(tx, { name: "Riverside" });
    const other = await makeDistrict(tx, { name: "Elsewhere" });
    districtId = district.id;
    const person = (name: string, role: Ctx["role"], inDistrict = districtId) =>
      makePerson(tx, { districtId: inDistrict, role, name, email: `${name.replace(/\W/g, ".").toLowerCase()}@example.test` });
    admin = (await person("Ada Admin", "ADMIN")).ctx;
    coordinator = (await person("Cy Coordinator", "COORDINATOR")).ctx;
    pat = (await person("Pat One", "SPECIALIST")).userId;
    lee = (await person("Lee Two", "ASSISTANT")).userId;
    pager = (await person("Page Turner", "SPECIALIST")).userId;
    outsider = (await person("Out Sider", "ADMIN", other.id)).userId;
    // Pat also works in the other district; those events must never show here.
    await makeMembership(tx, { districtId: other.id, userId: pat, role: "ADMIN" });

    await makeAuditEvent(tx, { districtId, actorUserId: pat, action: "view", entityType: "Student", entityId: STUDENT, studentId: STUDENT, ip: "10.0.0.7", createdAt: at("2026-01-10T09:00:00.000Z") });
    await makeAuditEvent(tx, { districtId, actorUserId: pat, action: "update", entityType: "Plan", studentId: STUDENT, createdAt: at("2026-01-11T09:00:00.000Z") });
    await makeAuditEvent(tx, { districtId, actorUserId: null, action: "sign_in_failed", entityType: "User", createdAt: at("2026-01-12T09:00:00.000Z") });
    await makeAuditEvent(tx, { districtId: other.id, actorUserId: pat, action: "view", entityType: "Student", studentId: STUDENT, createdAt: at("2026-01-10T10:00:00.000Z") });
    await makeAuditEvent(tx, { districtId: other.id, actorUserId: outsider, action: "view", entityType: "Student", createdAt: at("2026-01-10T11:00:00.000Z") });

    // Around one of the district's days (Chicago, UTC-6 in March before daylight saving), to the millisecond.
    for (const iso of ["2026-03-01T05:59:59.999Z", "2026-03-01T06:00:00.000Z", "2026-03-02T05:59:59.999Z", "2026-03-02T06:00:00.000Z"]) {
      await makeAuditEvent(tx, { districtId, actorUserId: lee, action: "view", entityType: "Student", entityId: iso, createdAt: at(iso) });
    }

    // Pairs share a timestamp, so paging must break ties by id.
    const start = Date.parse("2026-04-01T00:00:00.000Z");
    for (let i = 0; i < PAGED; i++) {
      await makeAuditEvent(tx, { districtId, actorUserId: pager, action: "view", entityType: "Paged", createdAt: new Date(start + Math.floor(i / 2) * 1000) });
    }
  });
});

describe("getAuditLog", () => {
  it("shows the district's events newest first, with actor names and no other district's events", async () => {
    const log = await getAuditLog(admin, {});
    expect(log.errors).toEqual({});
    expect(log.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(log.events.every((e) => e.entityType === "Paged")).toBe(true);

    // The other district's event about the same student (by Pat, who works in both) is not here.
    const student = await getAuditLog(admin, { student: STUDENT });
    expect(student.events.map((e) => ({ actorName: e.actorName, action: e.action, entityType: e.entityType, ip: e.ip }))).toEqual([
      { actorName: "Pat One", action: "update", entityType: "Plan", ip: null },
      { actorName: "Pat One", action: "view", entityType: "Student", ip: "10.0.0.7" },
    ]);
  });

  it("filters by person (an id), and offers the district's staff by name", async () => {
    const log = await getAuditLog(admin, { user: pat });
    expect(log.events.map((e) => e.entityType)).toEqual(["Plan", "Student"]);
    expect(log.staff.map((s) => s.name)).toEqual(["Ada Admin", "Cy Coordinator", "Lee Two", "Page Turner", "Pat One"]);
    expect(log.values).toEqual({ user: pat, student: "", from: "", to: "" });
  });

  it("filters by whole days of the district's time zone, both ends included (issue 13: never UTC)", async () => {
    const entityIds = async (q: Record<string, string>) => (await getAuditLog(admin, { user: lee, ...q })).events.map((e) => e.entityId);
    expect(await entityIds({ from: "2026-03-01", to: "2026-03-01" })).toEqual(["2026-03-02T05:59:59.999Z", "2026-03-01T06:00:00.000Z"]);
    expect(await entityIds({ from: "2026-03-01" })).toEqual(["2026-03-02T06:00:00.000Z", "2026-03-02T05:59:59.999Z", "2026-03-01T06:00:00.000Z"]);
    expect(await entityIds({ to: "2026-03-01" })).toEqual(["2026-03-02T05:59:59.999Z", "2026-03-01T06:00:00.000Z", "2026-03-01T05:59:59.999Z"]);
  });

  it("combines filters", async () => {
    const log = await getAuditLog(admin, { user: pat, student: STUDENT, from: "2026-01-11", to: "2026-01-31" });
    expect(log.events.map((e) => e.entityType)).toEqual(["Plan"]);
  });

  // Thunks: the table is built before beforeAll has made the people.
  it.each([
    ["a malformed student id", () => ({ student: "not-a-uuid" }), "student"],
    ["a name instead of a person's id", () => ({ user: "Pat One" }), "user"],
    ["someone not on this district's staff", () => ({ user: outsider }), "user"],
    ["an impossible date", () => ({ from: "2026-02-30" }), "from"],
    ["a date in another format", () => ({ to: "03/01/2026" }), "to"],
    ["an end before the start", () => ({ from: "2026-03-02", to: "2026-03-01" }), "to"],
    ["a malformed start (and no comparison with the end)", () => ({ from: "garbage", to: "2026-03-01" }), "from"],
  ])("refuses %s with a message on the field and shows no events", async (_label, paramsOf, field) => {
    const params = paramsOf();
    const log = await getAuditLog(admin, params);
    expect(Object.keys(log.errors)).toEqual([field]);
    expect(log.errors[field]![0]).toMatch(/\w/);
    expect(log.events).toEqual([]);
    expect(log.values).toMatchObject(params);
  });

  it("pages with Newer and Older through every event once, ties included", async () => {
    const q = { user: pager };
    const first = await getAuditLog(admin, q);
    expect(first.newerCursor).toBeNull();
    expect(first.olderCursor).not.toBeNull();
    const second = await getAuditLog(admin, { ...q, before: first.olderCursor! });
    expect(second.newerCursor).not.toBeNull();
    const third = await getAuditLog(admin, { ...q, before: second.olderCursor! });
    expect(third.olderCursor).toBeNull();
    expect([first, second, third].map((p) => p.events.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, PAGED - 2 * AUDIT_PAGE_SIZE]);

    const all = [...first.events, ...second.events, ...third.events];
    expect(new Set(ids(all)).size).toBe(PAGED);
    const times = all.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Newer from the last page gives the middle page back; from the middle, the first.
    expect(ids((await getAuditLog(admin, { ...q, after: third.newerCursor! })).events)).toEqual(ids(second.events));
    const back = await getAuditLog(admin, { ...q, after: second.newerCursor! });
    expect(ids(back.events)).toEqual(ids(first.events));
    expect(back.newerCursor).toBeNull();
  });

  it("treats a malformed page cursor as the newest page", async () => {
    const log = await getAuditLog(admin, { user: pager, before: "yesterday" });
    expect(log.errors).toEqual({});
    expect(log.newerCursor).toBeNull();
    expect(log.events).toHaveLength(AUDIT_PAGE_SIZE);
  });

  it("does not audit reading the audit log", async () => {
    const count = () => asOwner((tx) => tx.auditEvent.count());
    const before = await count();
    await getAuditLog(admin, { user: pat });
    expect(await count()).toBe(before);
  });

  it("404s for anyone but an administrator, and audits the attempt", async () => {
    await expect(getAuditLog(coordinator, {})).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: coordinator.userId, action: "denied" } }));
    expect(denied).toEqual([expect.objectContaining({ districtId, entityType: "AuditEvent", detail: { attempted: "audit.view" } })]);
  });
});

describe("what each event was about, in words (issue 13)", () => {
  let ctx: Ctx;
  let northCtx: Ctx;
  const ev: Record<string, string> = {};
  beforeAll(async () => {
    await asOwner(async (tx) => {
      const district = await makeDistrict(tx, { name: "Wordsworth" });
      const d = district.id;
      const north = await makeSchool(tx, { districtId: d, name: "North Elementary" });
      const south = await makeSchool(tx, { districtId: d, name: "South Elementary" });
      const admin2 = await makePerson(tx, { districtId: d, role: "ADMIN", name: "Ada Words" });
      ctx = admin2.ctx;
      const coordinatorNorth = await makePerson(tx, { districtId: d, role: "COORDINATOR", name: "Nora North", schoolIds: [north.id] });
      const jada = await makeStudent(tx, { districtId: d, schoolId: north.id, legalFirstName: "Jada", legalLastName: "Baker" });
      const sol = await makeStudent(tx, { districtId: d, schoolId: south.id, legalFirstName: "Sol", legalLastName: "South" });
      const plan = await makePlan(tx, { districtId: d, schoolId: north.id, createdByUserId: admin2.userId, studentIds: [jada.id], customIntervention: "Read Naturally" });
      const dates = ["2026-12-01", "2026-12-02", "2026-12-03"];
      const sessions = [];
      for (const date of dates) sessions.push(await makeSession(tx, { districtId: d, planId: plan.id, loggedByUserId: admin2.userId, date: new Date(`${date}T00:00:00Z`), startTime: "10:30" }));
      const same = new Date("2026-12-03T16:00:00.000Z");
      for (const [i, s] of sessions.entries()) {
        ev[`session${i}`] = (await makeAuditEvent(tx, { districtId: d, actorUserId: admin2.userId, action: "view", entityType: "InterventionSession", entityId: s.id, studentId: jada.id, createdAt: same })).id;
      }
      ev.plan = (await makeAuditEvent(tx, { districtId: d, actorUserId: admin2.userId, action: "update", entityType: "InterventionPlan", entityId: plan.id, studentId: jada.id, createdAt: same })).id;
      ev.student = (await makeAuditEvent(tx, { districtId: d, actorUserId: admin2.userId, action: "view", entityType: "Student", entityId: sol.id, studentId: sol.id, createdAt: same })).id;
      ev.garbage = (await makeAuditEvent(tx, { districtId: d, actorUserId: admin2.userId, action: "denied", entityType: "InterventionPlan", entityId: "not-an-id", createdAt: same })).id;
      ev.school = (await makeAuditEvent(tx, { districtId: d, actorUserId: admin2.userId, action: "update", entityType: "School", entityId: north.id, createdAt: same })).id;
      // For a viewer limited to North, Sol (South) is not named.
      northCtx = coordinatorNorth.ctx;
    });
  });

  it("names the session's plan and date, the plan, the student and the school, so same-second events read differently", async () => {
    const log = await getAuditLog(ctx, {});
    const byId = new Map(log.events.map((e) => [e.id, e]));
    expect(byId.get(ev.session0!)).toMatchObject({ what: "Session: Read Naturally on Tue, Dec 1, 2026 at 10:30", studentName: "Jada Baker" });
    expect(byId.get(ev.session1!)!.what).toBe("Session: Read Naturally on Wed, Dec 2, 2026 at 10:30");
    expect(byId.get(ev.session2!)!.what).toBe("Session: Read Naturally on Thu, Dec 3, 2026 at 10:30");
    expect(byId.get(ev.plan!)).toMatchObject({ what: "Plan: Read Naturally (reading)", studentName: "Jada Baker" });
    expect(byId.get(ev.student!)).toMatchObject({ what: "Student: Sol South", studentName: "Sol South" });
    expect(byId.get(ev.garbage!)!.what).toBe("Plan (unknown id)");
    expect(byId.get(ev.school!)!.what).toBe("School: North Elementary");
    // No id cut to 8 characters anywhere.
    for (const e of log.events) expect(e.what).not.toMatch(/\b[0-9a-f]{8}\b/);
  });

  it("leaves out the name of a student the viewer may not see", async () => {
    const { describeEventsIn } = await import("@/server/audit/describe");
    const { withTenant } = await import("@/server/db/tenant");
    const north = northCtx;
    const rows = await asOwner((tx) => tx.auditEvent.findMany({ where: { id: { in: [ev.student!, ev.plan!] } }, select: { id: true, entityType: true, entityId: true, studentId: true } }));
    const words = await withTenant(north.districtId, (tx) => describeEventsIn(tx, north, rows));
    expect(words.get(ev.student!)).toEqual({ what: "Student record", studentName: null });
    expect(words.get(ev.plan!)!.studentName).toBe("Jada Baker");
  });
});
