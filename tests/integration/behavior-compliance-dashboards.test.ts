// The behaviour and compliance dashboards and the district's equity rules
// (issue 18, decision 030) against a hand-built district on a fixed day
// (Monday 15 March 2027): the figures equal independent SQL counts and
// hand-checked rates, a coordinator reads only their school's figures and is
// refused another's, views and CSVs are audited, another district's rows never
// count (RLS), and the equity rules saved in settings are the ones the equity
// dashboard applies, validated and audited.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as behaviorExport } from "@/app/(app)/dashboards/behavior/export/route";
import { GET as complianceExport } from "@/app/(app)/dashboards/compliance/export/route";
import type { Ctx } from "@/server/auth/session";
import { getBehaviorDashboard } from "@/server/dashboards/behavior";
import { getComplianceDashboard } from "@/server/dashboards/compliance";
import { getEquityDashboard } from "@/server/dashboards/equity";
import { getDashboardSummary } from "@/server/dashboards/summary";
import type { Dashboard } from "@/server/dashboards/run";
import { saveEquityRules } from "@/server/settings/equity-actions";
import { withTenant } from "@/server/db/tenant";
import { makeBehaviorCode, makeDistrict, makeGoal, makeIncident, makeMeasure, makePlan, makeSchool, makeSpecialEdPlan, makeStudent } from "../factories";
import { asOwner, ownerSql } from "../support/db";
import { makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const NOW = new Date("2027-03-15T18:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
let admin: Person;
let coordinator: Person; // North only
let assistant: Person;
let otherAdmin: Person;
const code = { defiance: "", disruption: "" };

const ok = <T,>(d: Dashboard<T>) => {
  if (!d.ok) throw new Error(`refused: ${d.message}`);
  return d;
};

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    const hill = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    admin = await makePerson(tx, { districtId, role: "ADMIN", name: "Ada Admin" });
    coordinator = await makePerson(tx, { districtId, role: "COORDINATOR", name: "Cora North", schoolIds: [school.north] });
    assistant = await makePerson(tx, { districtId, role: "ASSISTANT", name: "Asa Assistant", schoolIds: [school.north] });
    otherAdmin = await makePerson(tx, { districtId: otherDistrictId, role: "ADMIN", name: "Otto Other" });

    const north: string[] = [];
    for (let i = 0; i < 30; i++) north.push((await makeStudent(tx, { districtId, schoolId: school.north, grade: "G3", hispanicLatino: i < 12, races: ["WHITE"] })).id);
    const south: string[] = [];
    for (let i = 0; i < 20; i++) south.push((await makeStudent(tx, { districtId, schoolId: school.south, grade: "G7" })).id);
    const foreign = await makeStudent(tx, { districtId: otherDistrictId, schoolId: hill });
    // Labor Day 2026 is not a school day.
    await tx.districtNonSchoolDay.create({ data: { districtId, date: day("2026-09-07"), label: "Labor Day" } });

    code.defiance = (await makeBehaviorCode(tx, { districtId, label: "Defiance" })).id;
    code.disruption = (await makeBehaviorCode(tx, { districtId, label: "Disruption" })).id;
    const location = (await makeBehaviorCode(tx, { districtId, kind: "LOCATION", severity: null, label: "Classroom" })).id;
    const at = (iso: string, schoolId: string, studentId: string, behaviorCodeId: string, othersInvolved: string[] = [], severity: "MINOR" | "MAJOR" = "MINOR") =>
      makeIncident(tx, { districtId, schoolId, studentId, behaviorCodeId, locationCodeId: location, reportedByUserId: admin.userId, occurredOn: day(iso), occurredMinute: 10 * 60 + 15, severity, othersInvolved });
    // North, this year: September 6 (4 defiance, 2 disruption, the first on Tuesday 1 September), October 3 defiance; 5 with peers; 2 majors.
    const sept = ["2026-09-01", "2026-09-03", "2026-09-08", "2026-09-15", "2026-09-22", "2026-09-29"];
    for (const [i, d] of sept.entries()) await at(d, school.north, north[i]!, i < 4 ? code.defiance : code.disruption, i < 5 ? ["PEERS"] : [], i < 2 ? "MAJOR" : "MINOR");
    for (const d of ["2026-10-06", "2026-10-13", "2026-10-20"]) await at(d, school.north, north[10]!, code.defiance);
    // North, the year before: September 12 (from Tuesday 2 September 2025), October 4.
    for (let i = 0; i < 12; i++) await at(`2025-09-${String(2 + i).padStart(2, "0")}`, school.north, north[i]!, code.defiance);
    for (let i = 0; i < 4; i++) await at(`2025-10-0${1 + i}`, school.north, north[i]!, code.disruption);
    // South, this year: 5 in September; an archived incident never counts.
    for (let i = 0; i < 5; i++) await at(`2026-09-1${i}`, school.south, south[i]!, code.disruption);
    await tx.incident.update({ where: { id: (await at("2026-09-21", school.south, south[6]!, code.disruption)).id }, data: { archivedAt: new Date() } });
    // Another district's incident must never count.
    const hillBehavior = (await makeBehaviorCode(tx, { districtId: otherDistrictId })).id;
    const hillLocation = (await makeBehaviorCode(tx, { districtId: otherDistrictId, kind: "LOCATION", severity: null })).id;
    await makeIncident(tx, { districtId: otherDistrictId, schoolId: hill, studentId: foreign.id, behaviorCodeId: hillBehavior, locationCodeId: hillLocation, reportedByUserId: otherAdmin.userId, occurredOn: day("2026-09-01") });

    // CICO at North: two students rated in February 2027 (goal 80%). A: 90, 70, 85 (average 81.7: meets); B: 80, 60 (70: does not), and an absent day.
    const measure = await makeMeasure(tx, { districtId, key: "cico_percent_points" });
    const card = async (studentId: string, days: [string, number, number, boolean?][]) => {
      const plan = await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: admin.userId, studentIds: [studentId], area: "BEHAVIOR" });
      const goal = await makeGoal(tx, { districtId, planId: plan.id, studentId, measureId: measure.id, createdByUserId: admin.userId, targetValue: 80 });
      const c = await tx.cicoCard.create({
        data: { districtId, studentId, planId: plan.id, goalId: goal.id, expectations: ["Be safe", "Be respectful", "Be responsible"], periods: ["AM", "PM"], goalPercent: 80, startedOn: day("2027-02-01"), createdByUserId: admin.userId },
      });
      await tx.cicoDay.createMany({ data: days.map(([d, points, possible, absent]) => ({ districtId, cardId: c.id, date: day(d), points, possible, absent: absent ?? false, updatedByUserId: admin.userId })) });
    };
    await card(north[20]!, [["2027-02-01", 18, 20], ["2027-02-02", 14, 20], ["2027-02-03", 17, 20]]);
    await card(north[21]!, [["2027-02-01", 16, 20], ["2027-02-02", 12, 20], ["2027-02-03", 0, 0, true]]);

    // Compliance on 15 March 2027: North: an annual review overdue (1 March), one due in 10 days, a re-evaluation in 45;
    // a referral with consent on 1 February 2027 (60 calendar days: due 2 April, 18 days on). South: a review overdue.
    await makeSpecialEdPlan(tx, { districtId, studentId: north[0]!, annualReviewDue: day("2027-03-01") });
    await makeSpecialEdPlan(tx, { districtId, studentId: north[1]!, annualReviewDue: day("2027-03-25") });
    await makeSpecialEdPlan(tx, { districtId, studentId: north[2]!, annualReviewDue: day("2027-09-01"), reevaluationDue: day("2027-04-29") });
    await makeSpecialEdPlan(tx, { districtId, studentId: south[0]!, annualReviewDue: day("2027-02-15") });
    await tx.referral.create({
      data: { districtId, studentId: north[3]!, reason: "Reading: no response to Tier 3", referredOn: day("2027-01-20"), consentDate: day("2027-02-01"), status: "EVALUATION", createdByUserId: admin.userId },
    });
  });
}, 120_000);

describe("behaviour", () => {
  it("gives North's rate per month against last year, equal to an independent count over hand-counted school days", async () => {
    const b = ok(await getBehaviorDashboard(admin.ctx, { school: school.north }, NOW)).data;
    expect(b.students).toBe(30);
    const sep = b.months.find((m) => m.month === "2026-09")!;
    const [count] = await ownerSql<{ cur: number; prev: number }>(
      `SELECT count(*) FILTER (WHERE i."occurredOn" BETWEEN '2026-09-01' AND '2026-09-30')::int AS cur,
              count(*) FILTER (WHERE i."occurredOn" BETWEEN '2025-09-01' AND '2025-09-30')::int AS prev
       FROM "Incident" i WHERE i."districtId" = $1 AND i."schoolId" = $2 AND i."archivedAt" IS NULL`,
      [districtId, school.north],
    );
    expect([sep.current.incidents, sep.previous.incidents]).toEqual([count!.cur, count!.prev]);
    // September 2026: 22 weekdays from Tuesday the 1st, less Labor Day = 21; 6 incidents, 30 students: 6 * 100 / 30 / 21.
    expect(sep.current.schoolDays).toBe(21);
    expect(sep.current.rate).toBeCloseTo(0.952381, 5);
    // September 2025: weekdays from Tuesday the 2nd = 21; 12 incidents: twice the rate.
    expect(sep.previous.schoolDays).toBe(21);
    expect(sep.previous.rate).toBeCloseTo(1.904762, 5);
    expect(sep.change).toBeCloseTo(-0.952381, 5);
    // July and August have no school day in either year (before the first incident): not shown.
    expect(b.months.map((m) => m.month)).not.toContain("2026-08");
    // March 2027 is counted to today (15 March: 11 weekdays); April on has no school day this year yet but last year's.
    expect(b.months.find((m) => m.month === "2027-03")!.current.schoolDays).toBe(11);
    expect(b.months.find((m) => m.month === "2027-04")).toMatchObject({ current: { schoolDays: 0, rate: null } });
    expect(b.year.incidents).toBe(9);
    expect(b.majors).toBe(2);
  });

  it("gives the big five of the year as the school overview's functions count them", async () => {
    const b = ok(await getBehaviorDashboard(admin.ctx, { school: school.north }, NOW)).data;
    expect(b.five.count).toBe(9);
    expect(b.five.behaviors).toEqual([
      { key: code.defiance, label: "Defiance", count: 7, percent: 77.8 },
      { key: code.disruption, label: "Disruption", count: 2, percent: 22.2 },
    ]);
    expect(b.five.hours).toEqual([{ key: "10", label: "10:00–10:59", count: 9, percent: 100 }]);
    expect(b.five.motivations).toEqual([{ key: "", label: "Not recorded", count: 9, percent: 100 }]);
    expect(b.five.others).toEqual([
      { key: "PEERS", label: expect.any(String), count: 5, percent: 55.6 },
      { key: "", label: "Not recorded", count: 4, percent: 44.4 },
    ]);
  });

  it("counts the CICO students meeting their daily goal, absences left out", async () => {
    const b = ok(await getBehaviorDashboard(admin.ctx, {}, NOW)).data;
    expect(b.cico.months).toEqual([{ month: "2027-02", share: { students: 2, meeting: 1, share: 0.5, days: 5, daysMet: 3, dayShare: 0.6 } }]);
    expect(b.cico.year).toMatchObject({ students: 2, meeting: 1 });
  });

  it("gives a coordinator their school only, refuses another by id, and never counts another district's rows", async () => {
    const mine = ok(await getBehaviorDashboard(coordinator.ctx, {}, NOW));
    expect(mine.options.schools.map((s) => s.label)).toEqual(["North Elementary"]);
    expect(mine.data.year.incidents).toBe(9);
    const refused = await getBehaviorDashboard(coordinator.ctx, { school: school.south }, NOW);
    expect(refused).toMatchObject({ ok: false, message: "That school is not one we know, or not one of yours: choose one from the list." });
    // The district: North's 9 and South's 5 (the archived one and Hillview's never).
    const all = ok(await getBehaviorDashboard(admin.ctx, {}, NOW));
    expect(all.data.year.incidents).toBe(14);
    expect(all.data.students).toBe(50);
    const other = ok(await getBehaviorDashboard(otherAdmin.ctx, {}, NOW));
    expect(other.data.year.incidents).toBe(1);
    expect(await withTenant(otherDistrictId, (tx) => tx.incident.count({ where: { districtId } }))).toBe(0);
  });

  it("gives assistants 404 with a denied event", async () => {
    await expect(getBehaviorDashboard(assistant.ctx, {}, NOW)).rejects.toMatchObject(NOT_FOUND);
    await expect(getComplianceDashboard(assistant.ctx, {}, NOW)).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("compliance", () => {
  it("counts deadlines per school by kind and how soon, as the compliance calendar dates them", async () => {
    const c = ok(await getComplianceDashboard(admin.ctx, {}, NOW)).data;
    const north = c.schools.find((s) => s.schoolName === "North Elementary")!;
    expect(north.byKind.ANNUAL_REVIEW).toEqual({ overdue: 1, within30: 1, within60: 0, within90: 0 });
    expect(north.byKind.REEVALUATION).toEqual({ overdue: 0, within30: 0, within60: 1, within90: 0 });
    expect(north.byKind.EVALUATION).toEqual({ overdue: 0, within30: 1, within60: 0, within90: 0 });
    const south = c.schools.find((s) => s.schoolName === "South Middle")!;
    expect(south.overdue).toBe(1);
    // Most overdue first, then the total; an independent count of the overdue records.
    expect(c.schools.map((s) => s.schoolName)).toEqual(["North Elementary", "South Middle"]);
    const [overdue] = await ownerSql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "SpecialEdPlan" p WHERE p."districtId" = $1 AND p."archivedAt" IS NULL AND (p."annualReviewDue" < '2027-03-15' OR p."reevaluationDue" < '2027-03-15')`,
      [districtId],
    );
    expect(c.all.overdue).toBe(overdue!.n);
  });

  it("gives a coordinator their school only", async () => {
    const c = ok(await getComplianceDashboard(coordinator.ctx, {}, NOW)).data;
    expect(c.schools.map((s) => s.schoolName)).toEqual(["North Elementary"]);
    expect((await getComplianceDashboard(coordinator.ctx, { school: school.south }, NOW)).ok).toBe(false);
  });

  it("shows both on the summary of the index and the home", async () => {
    const s = ok(await getDashboardSummary(admin.ctx, {}, NOW)).data;
    expect(s.compliance).toEqual({ overdue: 2, within30: 2 });
    expect(s.behavior.year.incidents).toBe(14);
  });
});

describe("CSV downloads", () => {
  const get = (route: (r: Request) => Promise<Response>, who: Ctx, query: string) => {
    signInAs(who);
    return route(new Request(`http://localhost/dashboards/x/export?${query}`));
  };
  const exports = () => asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: admin.userId, action: "export", entityType: "Dashboard" } }));

  it("downloads the monthly rates and the deadlines, each audited as an export", async () => {
    const before = await exports();
    const rates = await get(behaviorExport, admin.ctx, `table=rates&school=${school.north}`);
    expect(rates.status).toBe(200);
    expect(rates.headers.get("Content-Disposition")).toMatch(/attachment; filename="behaviour-rates-/);
    const text = await rates.text();
    expect(text).toMatch(/"2026-09","6","21","0.952","12","21","1.905","-0.952","30"/);
    const deadlines = await get(complianceExport, admin.ctx, "");
    expect(deadlines.status).toBe(200);
    // The route reads the deadlines on the real today: the same figures as the dashboard read now.
    const live = ok(await getComplianceDashboard(admin.ctx, {}, new Date())).data.schools.find((s) => s.schoolName === "North Elementary")!;
    const row = ["North Elementary", ...(["ANNUAL_REVIEW", "REEVALUATION", "EVALUATION"] as const).flatMap((k) => Object.values(live.byKind[k])), live.overdue, live.total];
    expect(await deadlines.text()).toContain(row.map((c) => `"${c}"`).join(","));
    expect(await exports()).toBe(before + 2);
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: admin.userId, action: "export", entityType: "Dashboard" }, orderBy: { createdAt: "asc" } }));
    expect(events.map((e) => e.detail)).toEqual(expect.arrayContaining([expect.objectContaining({ dashboard: "behavior", format: "csv", filters: expect.objectContaining({ school: school.north }) }), expect.objectContaining({ dashboard: "compliance", format: "csv" })]));
  });

  it("refuses an unknown table or another school with no export event", async () => {
    const before = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "export" } }));
    expect((await get(behaviorExport, coordinator.ctx, "table=students")).status).toBe(400);
    expect((await get(complianceExport, coordinator.ctx, `school=${school.south}`)).status).toBe(400);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "export" } }))).toBe(before);
  });
});

describe("equity rules in settings", () => {
  const form = (fields: Record<string, string | string[]>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
    return f;
  };

  it("refuses rules out of bounds with field messages and saves nothing", async () => {
    signInAs(admin.ctx);
    const res = await saveEquityRules(null, form({ threshold: "0.5", minCell: "3", minN: "20", shown: ["hispanic"] }));
    expect(res).toMatchObject({ ok: false, error: { fieldErrors: { threshold: [expect.stringContaining("1.0 to 10.0")], minCell: [expect.stringContaining("5 to 30")] } } });
    const smaller = await saveEquityRules(null, form({ threshold: "2", minCell: "20", minN: "15", shown: ["hispanic"] }));
    expect(smaller).toMatchObject({ ok: false, error: { fieldErrors: { minN: ["The n-size cannot be smaller than the minimum cell size."] } } });
    expect(await saveEquityRules(null, form({ threshold: "2", minCell: "10", minN: "30", shown: ["martian"] }))).toMatchObject({ ok: false });
    expect(await asOwner((tx) => tx.districtSettings.count({ where: { districtId } }))).toBe(0);
  });

  it("refuses everyone but administrators", async () => {
    signInAs(coordinator.ctx);
    expect(await saveEquityRules(null, form({ threshold: "2.0", minCell: "10", minN: "30", shown: ["hispanic"] }))).toMatchObject({ ok: false });
  });

  it("saves the threshold, sizes and subgroups, audits before and after, and the equity dashboard applies them", async () => {
    // Tier 3 is nobody here: the Hispanic row is shown with its 12 students once the cell size allows, not before.
    signInAs(admin.ctx);
    const saved = await saveEquityRules(null, form({ threshold: "2.5", minCell: "12", minN: "12", shown: ["hispanic", "white", "female"] }));
    expect(saved).toMatchObject({ ok: true });
    const e = ok(await getEquityDashboard(admin.ctx, { school: school.north }, NOW)).data;
    expect(e.rules).toEqual({ threshold: 2.5, minCell: 12, minN: 12 });
    const tier3 = e.outcomes.find((o) => o.outcome === "tier3")!;
    expect(tier3.rows.map((r) => r.subgroup)).toEqual(["hispanic", "white", "female"]);
    expect(tier3.rows[0]!.cell).toMatchObject({ kind: "shown", total: 12, count: 0 });
    expect(e.hidden).toContain("male");
    const event = await asOwner((tx) => tx.auditEvent.findFirst({ where: { actorUserId: admin.userId, action: "update", entityType: "DistrictSettings" }, orderBy: { createdAt: "desc" } }));
    expect(event!.detail).toMatchObject({ settings: "equity", before: { threshold: 3, minCell: 10, minN: 30, hiddenSubgroups: [] }, after: { threshold: 2.5, minCell: 12, minN: 12 } });
    // Another district keeps the defaults.
    expect(ok(await getEquityDashboard(otherAdmin.ctx, {}, NOW)).data.rules).toEqual({ threshold: 3, minCell: 10, minN: 30 });
  });
});
