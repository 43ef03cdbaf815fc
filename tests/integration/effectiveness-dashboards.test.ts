// The intervention effectiveness and delivery dashboards (issue 18, decision
// 029) against a hand-built district on a fixed day (Friday 15 January 2027):
// an intervention that works, one that does not though delivered, one not
// delivered, and a plan with no session at all. The figures equal
// independent SQL counts and hand-checked numbers; a coordinator reads only
// their school's figures and is refused the other's; the CSV downloads are
// audited as exports; RLS keeps another district's rows out.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as deliveryExport } from "@/app/(app)/dashboards/delivery/export/route";
import { GET as effectivenessExport } from "@/app/(app)/dashboards/effectiveness/export/route";
import type { Ctx } from "@/server/auth/session";
import { getDeliveryDashboard, minutesBySchool } from "@/server/dashboards/delivery";
import { CUSTOM_INTERVENTION, getEffectivenessDashboard, interventionRowKey, verdictCounts, verdictCountsOf } from "@/server/dashboards/effectiveness";
import type { Dashboard } from "@/server/dashboards/run";
import { withTenant } from "@/server/db/tenant";
import type { Prisma } from "@/generated/prisma/client";
import { makeDistrict, makeGoal, makeIntervention, makeMeasure, makePlan, makeSchool, makeStudent } from "../factories";
import { asOwner, ownerSql } from "../support/db";
import { makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

// Noon in Chicago on Friday 15 January 2027: the 2026-27 school year.
const NOW = new Date("2027-01-15T18:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
const interventions = { works: "", flat: "", undelivered: "" };
let admin: Person;
let coordinator: Person; // North only
let assistant: Person;
let otherAdmin: Person;

const ok = <T,>(d: Dashboard<T>) => {
  if (!d.ok) throw new Error(`refused: ${d.message}`);
  return d;
};

// Plans meet Monday, Wednesday and Friday for 30 minutes from Monday 5 October 2026; goals: ORF 40 on 2 October to 64 on 26 March 2027 (25 weeks: 0.96 a week).
const START = "2026-10-05";
const MWF_DAYS: string[] = [];
for (let d = START; d < "2027-01-15"; d = addDays(d, 1)) if ([1, 3, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) MWF_DAYS.push(d);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    admin = await makePerson(tx, { districtId, role: "ADMIN", name: "Ada Admin" });
    coordinator = await makePerson(tx, { districtId, role: "COORDINATOR", name: "Cora North", schoolIds: [school.north] });
    assistant = await makePerson(tx, { districtId, role: "ASSISTANT", name: "Asa Assistant", schoolIds: [school.north] });
    otherAdmin = await makePerson(tx, { districtId: otherDistrictId, role: "ADMIN", name: "Otto Other" });
    const orf = await makeMeasure(tx, { districtId, name: "ORF", unit: "WCPM" });
    interventions.works = (await makeIntervention(tx, { districtId, name: "Read Well", components: ["Model", "Practise"] })).id;
    interventions.flat = (await makeIntervention(tx, { districtId, name: "Flat Phonics", components: ["Model", "Practise"] })).id;
    interventions.undelivered = (await makeIntervention(tx, { districtId, name: "Rarely Run", components: ["Model", "Practise"] })).id;

    const sessions: Prisma.InterventionSessionCreateManyInput[] = [];
    const attendance: Prisma.SessionAttendanceCreateManyInput[] = [];
    const probes: Prisma.ProbeCreateManyInput[] = [];
    let serial = 0;
    /** A one-student plan with its goal, weekly probes on Thursdays (40 + slope a week), and its sessions (held on the days `held` keeps, cancelled on the others). */
    async function plan(schoolId: string, interventionId: string | null, slope: number, held: (i: number) => boolean, start = START) {
      const student = await makeStudent(tx, { districtId, schoolId });
      const p = await makePlan(tx, {
        districtId,
        schoolId,
        createdByUserId: admin.userId,
        studentIds: [student.id],
        startDate: day(start),
        ...(interventionId ? { interventionId } : {}),
      });
      const goal = await makeGoal(tx, {
        districtId,
        planId: p.id,
        studentId: student.id,
        measureId: orf.id,
        createdByUserId: admin.userId,
        baselineValue: 40,
        baselineDate: day("2026-10-02"),
        targetValue: 64,
        targetDate: day("2027-03-26"),
      });
      if (start !== START) return;
      for (let k = 1; k <= 15; k++) {
        probes.push({ districtId, studentId: student.id, measureId: orf.id, goalId: goal.id, date: day(addDays("2026-10-01", 7 * k)), score: 40 + slope * k, givenByUserId: admin.userId });
      }
      for (const [i, d] of MWF_DAYS.entries()) {
        serial += 1;
        const id = `5e000000-0000-4000-8000-${serial.toString(16).padStart(12, "0")}`;
        const ran = held(i);
        sessions.push({ id, districtId, planId: p.id, date: day(d), status: ran ? "HELD" : "CANCELLED", minutes: ran ? 30 : null, componentsDelivered: ran ? 2 : 0, clientKey: `t-${id}`, loggedByUserId: admin.userId });
        if (ran) attendance.push({ districtId, sessionId: id, planId: p.id, studentId: student.id, date: day(d), status: "PRESENT" });
      }
    }
    const always = () => true;
    // North: Read Well works (2), Flat Phonics is delivered and flat (2), Rarely Run is held one day in three and flat (1).
    await plan(school.north, interventions.works, 1.5, always);
    await plan(school.north, interventions.works, 1.5, always);
    await plan(school.north, interventions.flat, 0.1, always);
    await plan(school.north, interventions.flat, 0.1, always);
    await plan(school.north, interventions.undelivered, 0.1, (i) => i % 3 === 0);
    // South: one of each working and flat, and a custom plan from Monday 7 December with no session and no probe at all.
    await plan(school.south, interventions.works, 1.5, always);
    await plan(school.south, interventions.flat, 0.1, always);
    await plan(school.south, null, 0, always, "2026-12-07");
    await tx.interventionSession.createMany({ data: sessions });
    await tx.sessionAttendance.createMany({ data: attendance });
    await tx.probe.createMany({ data: probes });

    // Another district's plan must never be counted.
    const hill = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    const foreign = await makeStudent(tx, { districtId: otherDistrictId, schoolId: hill });
    const foreignMeasure = await makeMeasure(tx, { districtId: otherDistrictId });
    const fp = await makePlan(tx, { districtId: otherDistrictId, schoolId: hill, createdByUserId: otherAdmin.userId, studentIds: [foreign.id], startDate: day(START) });
    await makeGoal(tx, { districtId: otherDistrictId, planId: fp.id, studentId: foreign.id, measureId: foreignMeasure.id, createdByUserId: otherAdmin.userId });
  });
});

afterAll(() => {
  vi.useRealTimers();
});

describe("intervention effectiveness", () => {
  it("tells the intervention that works from the one that does not and the one not delivered", async () => {
    const e = ok(await getEffectivenessDashboard(admin.ctx, {}, NOW));
    const row = (name: string) => e.data.interventions.find((r) => r.name === name)!;
    expect(e.data.thresholds).toEqual({ dosage: 80, fidelity: 80 });
    // Read Well: 3 plans delivered in full, every goal on track (ROI 1.5 against 0.96).
    expect(row("Read Well")).toMatchObject({ plans: 3, students: 3, verdict: "works" });
    expect(row("Read Well").split.at).toEqual({ goals: 3, judged: 3, metOrOnTrack: 3, share: 1, withRoi: 3, medianRoi: expect.closeTo(1.5, 9), medianGoalRoi: expect.closeTo(0.96, 9) });
    // Flat Phonics: delivered in full and flat: the rules call for a change, so none on track.
    expect(row("Flat Phonics")).toMatchObject({ plans: 3, students: 3, verdict: "does-not-work" });
    expect(row("Flat Phonics").split.at).toMatchObject({ goals: 3, judged: 3, metOrOnTrack: 0, share: 0 });
    // Rarely Run: held one day in three (about 33% of the minutes): the change is held back, so too little data, never "not working".
    expect(row("Rarely Run")).toMatchObject({ plans: 1, students: 1, verdict: "not-delivered" });
    expect(row("Rarely Run").split.below).toMatchObject({ goals: 1, judged: 0, share: null });
    expect(row("Rarely Run").split.at.goals).toBe(0);
    // The custom plan with no session: below the thresholds (nothing logged), no ROI.
    expect(row(CUSTOM_INTERVENTION).split.below).toMatchObject({ goals: 1, judged: 0, withRoi: 0, medianRoi: null });
    // Per school: Read Well at North (2) and South (1).
    expect(e.data.bySchool!.filter((r) => r.name === "Read Well").map((r) => [r.school?.name, r.plans])).toEqual([
      ["North Elementary", 2],
      ["South Elementary", 1],
    ]);
    // The growth table is per intervention and measure, in the measure's unit.
    expect(e.data.growth.find((g) => g.name === "Flat Phonics")).toMatchObject({ measure: "ORF", unit: "WCPM", split: { at: { medianRoi: expect.closeTo(0.1, 9) } } });
  });

  it("counts the plans and students of each intervention as an independent SQL count does", async () => {
    const e = ok(await getEffectivenessDashboard(admin.ctx, {}, NOW));
    const independent = await ownerSql<{ name: string; plans: number; students: number }>(
      `SELECT coalesce(i.name, $2) AS name, count(DISTINCT p.id)::int AS plans, count(DISTINCT g."studentId")::int AS students
       FROM "Goal" g JOIN "InterventionPlan" p ON p.id = g."planId" LEFT JOIN "Intervention" i ON i.id = p."interventionId"
       WHERE g."districtId" = $1 AND p.status <> 'DRAFT' GROUP BY 1 ORDER BY 1`,
      [districtId, CUSTOM_INTERVENTION],
    );
    expect(e.data.interventions.map((r) => ({ name: r.name, plans: r.plans, students: r.students })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(independent);
    expect(e.data.goals).toBe(8);
  });

  it("lists each school in the district view with the figures of that school's own view", async () => {
    // The district view's per-school rows (issue 18): a school's row equals its own view's, and the rows add up to the district.
    const e = ok(await getEffectivenessDashboard(admin.ctx, {}, NOW));
    const schools = e.data.schools!;
    expect(schools.map((s) => [s.school.name, s.plans, s.students])).toEqual([
      ["North Elementary", 5, 5],
      ["South Elementary", 3, 3],
    ]);
    // North: Read Well (2) and Flat Phonics (2) delivered, half of them on track; Rarely Run (1) below.
    expect(schools[0]!.split.at).toMatchObject({ goals: 4, judged: 4, metOrOnTrack: 2, share: 0.5 });
    expect(schools[0]!.split.below).toMatchObject({ goals: 1, judged: 0 });
    const { perSchool, perIntervention } = verdictCounts(e.data.bySchool!);
    for (const s of schools) {
      const own = ok(await getEffectivenessDashboard(admin.ctx, { school: s.school.id }, NOW));
      expect(own.data.schools).toEqual([s]);
      // The school's own per-intervention rows: the same plans and goals, and the verdicts the district view counts.
      expect(own.data.interventions.reduce((n, r) => n + r.plans, 0)).toBe(s.plans);
      for (const band of ["all", "at", "below"] as const) {
        expect(own.data.interventions.reduce((n, r) => n + r.split[band].goals, 0)).toBe(s.split[band].goals);
        expect(own.data.interventions.reduce((n, r) => n + r.split[band].metOrOnTrack, 0)).toBe(s.split[band].metOrOnTrack);
      }
      const counted = { works: 0, "does-not-work": 0, "not-delivered": 0, "too-little-data": 0 };
      for (const r of own.data.interventions) counted[r.verdict] += 1;
      expect(perSchool.get(s.school.id)).toEqual(counted);
      expect(own.data.bySchool).toEqual(e.data.bySchool!.filter((r) => r.school?.id === s.school.id));
    }
    expect(schools.reduce((n, s) => n + s.split.all.goals, 0)).toBe(e.data.goals);
    expect(schools.reduce((n, s) => n + s.plans, 0)).toBe(e.data.interventions.reduce((n, r) => n + r.plans, 0));
    // Per intervention, its schools by verdict: two schools each too few to judge apart (2 and 1 goals), one not delivered.
    const of = (name: string) => perIntervention.get(interventionRowKey(e.data.interventions.find((r) => r.name === name)!));
    expect(of("Read Well")).toEqual({ works: 0, "does-not-work": 0, "not-delivered": 0, "too-little-data": 2 });
    expect(of("Rarely Run")).toEqual({ works: 0, "does-not-work": 0, "not-delivered": 1, "too-little-data": 0 });
    expect(of(CUSTOM_INTERVENTION)).toEqual({ works: 0, "does-not-work": 0, "not-delivered": 1, "too-little-data": 0 });
  });

  it("reads kept district figures without the intervention x school rows, their verdicts counted when kept; the CSV has every row", async () => {
    // Decision 052: the district view of kept figures leaves bySchool (about 1,000 rows at the scale district) in
    // PostgreSQL and reads the verdict counts kept beside it; a school's view and the CSV read the figures whole.
    const live = ok(await getEffectivenessDashboard(admin.ctx, {}, NOW));
    const liveNorth = ok(await getEffectivenessDashboard(admin.ctx, { school: school.north }, NOW));
    signInAs(admin.ctx);
    const liveCsv = await (await effectivenessExport(new Request("http://localhost/dashboards/effectiveness/export?table=by-school"))).text();
    process.env.DASHBOARD_LIVE_BUDGET_MS = "0";
    try {
      expect(ok(await getEffectivenessDashboard(admin.ctx, {}, NOW)).age.source).toBe("live"); // computed, and kept (longer than 0 ms)
      const kept = ok(await getEffectivenessDashboard(admin.ctx, {}, NOW));
      expect(kept.age.source).toBe("snapshot");
      expect(kept.data.bySchool).toBeUndefined();
      expect({ ...kept.data, bySchool: live.data.bySchool }).toEqual(live.data);
      expect(verdictCountsOf(kept.data)).toEqual(verdictCounts(live.data.bySchool!));
      ok(await getEffectivenessDashboard(admin.ctx, { school: school.north }, NOW));
      const north = ok(await getEffectivenessDashboard(admin.ctx, { school: school.north }, NOW));
      expect(north.age.source).toBe("snapshot");
      expect(north.data).toEqual(liveNorth.data);
      signInAs(admin.ctx);
      const keptCsv = await (await effectivenessExport(new Request("http://localhost/dashboards/effectiveness/export?table=by-school"))).text();
      expect(keptCsv).toEqual(liveCsv);
      expect(keptCsv.split("\r\n").filter((l) => l.startsWith('"Read Well"'))).toHaveLength(2);
    } finally {
      delete process.env.DASHBOARD_LIVE_BUDGET_MS;
    }
  });

  it("gives a coordinator their school's figures only, and refuses the other school by id", async () => {
    const mine = ok(await getEffectivenessDashboard(coordinator.ctx, {}, NOW));
    expect(mine.data.bySchool!.every((r) => r.school?.name === "North Elementary")).toBe(true);
    expect(mine.data.interventions.find((r) => r.name === "Read Well")!.plans).toBe(2);
    expect(mine.data.interventions.some((r) => r.name === CUSTOM_INTERVENTION)).toBe(false);
    const refused = await getEffectivenessDashboard(coordinator.ctx, { school: school.south }, NOW);
    expect(refused).toMatchObject({ ok: false, message: "That school is not one we know, or not one of yours: choose one from the list." });
    expect(JSON.stringify(refused)).not.toContain("South");
  });

  it("filters to an area with no plans, and a past year, as empty figures, not an error", async () => {
    expect(ok(await getEffectivenessDashboard(admin.ctx, { area: "MATH" }, NOW)).data.interventions).toEqual([]);
    expect(ok(await getEffectivenessDashboard(admin.ctx, { year: "2024" }, NOW)).data.goals).toBe(0);
  });

  it("counts another district's plans never (code and RLS), and gives assistants 404 with a denied event", async () => {
    const other = ok(await getEffectivenessDashboard(otherAdmin.ctx, {}, NOW));
    expect(other.data.goals).toBe(1);
    expect(await withTenant(otherDistrictId, (tx) => tx.goal.count({ where: { districtId } }))).toBe(0);
    await expect(getEffectivenessDashboard(assistant.ctx, {}, NOW)).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: assistant.userId, action: "denied", entityType: "Dashboard" } }));
    expect(denied).toBe(1);
  });
});

describe("delivery", () => {
  it("plans minutes by each plan's schedule and sums the held minutes, equal to an independent SQL sum", async () => {
    const d = ok(await getDeliveryDashboard(admin.ctx, {}, NOW));
    const cell = (schoolId: string, month: string) => d.data.cells.find((c) => c.schoolId === schoolId && c.month === month)!;
    // October from Monday the 5th: 12 Monday/Wednesday/Friday sessions of 30 minutes a plan. North: 5 plans planned 1,800;
    // delivered 4 x 360 and Rarely Run's 4 held of 12 (120): 1,560 (86.7%).
    expect(cell(school.north, "2026-10")).toMatchObject({ plans: 5, planned: 1800, delivered: 1560 });
    expect(cell(school.north, "2026-10").percent).toBeCloseTo((1560 / 1800) * 100, 9);
    // South's two full plans deliver what they plan: 13 sessions each in November (780).
    expect(cell(school.south, "2026-11")).toMatchObject({ plans: 2, planned: 780, delivered: 780 });
    // December: the full plans' 13 sessions each (780), and the plan with no session plans its 11 meeting days from Monday the 7th (330).
    expect(cell(school.south, "2026-12")).toMatchObject({ plans: 3, planned: 780 + 330, delivered: 780 });
    const independent = await ownerSql<{ schoolId: string; month: string; minutes: number }>(
      `SELECT p."schoolId"::text AS "schoolId", to_char(s.date, 'YYYY-MM') AS month, sum(s.minutes)::int AS minutes
       FROM "InterventionSession" s JOIN "InterventionPlan" p ON p.id = s."planId"
       WHERE s."districtId" = $1 AND s.status = 'HELD' AND s."voidedAt" IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
      [districtId],
    );
    for (const r of independent) expect(cell(r.schoolId, r.month).delivered).toBe(r.minutes);
    expect(d.data.months.reduce((s, m) => s + m.delivered, 0)).toBe(independent.reduce((s, r) => s + r.minutes, 0));
    // The district view's per-school rows (issue 18): each school's held minutes over its months, and its months counted.
    const perSchool = minutesBySchool(d.data.cells);
    expect(perSchool.map((s) => s.schoolName)).toEqual(["North Elementary", "South Elementary"]);
    for (const s of perSchool) {
      const mine = independent.filter((r) => r.schoolId === s.schoolId);
      expect(s.delivered).toBe(mine.reduce((sum, r) => sum + r.minutes, 0));
      expect(s.months).toBe(d.data.cells.filter((c) => c.schoolId === s.schoolId).length);
      expect(s.percent).toBeCloseTo((s.delivered / s.planned) * 100, 9);
    }
    expect(perSchool.reduce((sum, s) => sum + s.planned, 0)).toBe(d.data.cells.reduce((sum, c) => sum + c.planned, 0));
  });

  it("counts plans with no session for two weeks and goals with a probe overdue, today's figures only", async () => {
    const d = ok(await getDeliveryDashboard(admin.ctx, {}, NOW));
    expect(d.data.now).toEqual([
      { schoolId: school.north, schoolName: "North Elementary", activePlans: 5, noSession: 0, goals: 5, overdue: 0 },
      // The custom plan: no session since its start 39 days ago, no probe since monitoring began.
      { schoolId: school.south, schoolName: "South Elementary", activePlans: 3, noSession: 1, goals: 3, overdue: 1 },
    ]);
    const past = ok(await getDeliveryDashboard(admin.ctx, { year: "2025" }, NOW));
    expect(past.data.now).toBeNull();
    expect(past.data.cells).toEqual([]);
  });

  it("gives a coordinator their school only and refuses the other", async () => {
    const mine = ok(await getDeliveryDashboard(coordinator.ctx, {}, NOW));
    expect(new Set(mine.data.cells.map((c) => c.schoolName))).toEqual(new Set(["North Elementary"]));
    expect(mine.data.now!.map((s) => s.schoolName)).toEqual(["North Elementary"]);
    const refused = await getDeliveryDashboard(coordinator.ctx, { school: school.south }, NOW);
    expect(refused.ok).toBe(false);
  });
});

describe("CSV downloads", () => {
  const get = (route: (r: Request) => Promise<Response>, who: Ctx, query: string) => {
    signInAs(who);
    return route(new Request(`http://localhost/dashboards/x/export?${query}`));
  };

  it("downloads the effectiveness table, audited as an export with its filters", async () => {
    const res = await get(effectivenessExport, admin.ctx, `table=interventions&school=${school.north}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="intervention-effectiveness-interventions-/);
    const text = await res.text();
    // At North alone Flat Phonics has 2 judged goals delivered as planned, fewer than the 3 a verdict needs.
    expect(text.split("\r\n")[0]).toContain('"Intervention","Area","Plans","Students","Verdict","All goals: goals"');
    expect(text).toContain('"Flat Phonics","Reading","2","2","Too little data to say","2","2","0","0","2","2","0","0","0","0","0",""');
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: admin.userId, action: "export", entityType: "Dashboard" } }));
    expect(events.at(-1)!.detail).toMatchObject({ dashboard: "effectiveness", format: "csv", filters: { school: school.north } });
  });

  it("downloads the delivery table per school and month", async () => {
    const res = await get(deliveryExport, admin.ctx, "table=minutes");
    const text = await res.text();
    expect(text).toContain('"North Elementary","October 2026","5","1800","1560","86.7"');
  });

  it("refuses an unknown table or another school with a message and no export event", async () => {
    const before = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "export" } }));
    expect((await get(deliveryExport, coordinator.ctx, "table=students")).status).toBe(400);
    const other = await get(effectivenessExport, coordinator.ctx, `table=interventions&school=${school.south}`);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("not one of yours");
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "export" } }))).toBe(before);
  });
});
