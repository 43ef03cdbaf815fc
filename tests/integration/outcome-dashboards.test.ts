// The outcome dashboards (issue 18, decision 023) against a hand-built
// district: the figures equal independent counts (SQL written here, and the
// home's own "Tier 2/3 with no plan" flag), a coordinator reads only their
// schools' figures and is refused another's, unknown filters are refused
// with a message, suppressed cells never carry a number, every view and CSV
// is audited, the CSV is neutralised, assistants get 404, and RLS keeps
// another district's rows out.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as equityExport } from "@/app/(app)/dashboards/equity/export/route";
import { GET as healthExport } from "@/app/(app)/dashboards/health/export/route";
import { schoolYearOf } from "@/domain/screening";
import { isoDayIn } from "@/domain/time-zone";
import type { Ctx } from "@/server/auth/session";
import { studentIdsFlaggedIn } from "@/server/dashboards/attention";
import { getEquityDashboard } from "@/server/dashboards/equity";
import { getHealthDashboard, tiersBySchool } from "@/server/dashboards/health";
import type { Dashboard } from "@/server/dashboards/run";
import { withTenant } from "@/server/db/tenant";
import { makeBehaviorCode, makeDistrict, makeIncident, makeMeasure, makeSchool, makeStudent } from "../factories";
import { asOwner, ownerSql } from "../support/db";
import { makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const NOW = new Date();
const today = isoDayIn(NOW, "America/Chicago");
const YEAR = schoolYearOf(today);
const inYear = (monthDay: string) => new Date(`${Number(monthDay.slice(0, 2)) >= 7 ? YEAR : YEAR + 1}-${monthDay}T00:00:00Z`);

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
let admin: Person;
let coordinator: Person; // North only
let assistant: Person;
let otherAdmin: Person;

const ok = <T,>(d: Dashboard<T>) => {
  if (!d.ok) throw new Error(`refused: ${d.message}`);
  return d;
};

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "=South Middle", level: "MIDDLE" })).id;
    const hill = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    admin = await makePerson(tx, { districtId, role: "ADMIN", name: "Ada Admin" });
    coordinator = await makePerson(tx, { districtId, role: "COORDINATOR", name: "Cora North", schoolIds: [school.north] });
    assistant = await makePerson(tx, { districtId, role: "ASSISTANT", name: "Asa Assistant", schoolIds: [school.north] });
    otherAdmin = await makePerson(tx, { districtId: otherDistrictId, role: "ADMIN", name: "Otto Other" });

    // North: 30 Hispanic students (9 of them English learners) and 30 White; South: 10 Black students.
    const hispanic = [];
    for (let i = 0; i < 30; i++) hispanic.push((await makeStudent(tx, { districtId, schoolId: school.north, hispanicLatino: true, races: ["WHITE"], englishLearner: i < 9, gender: i % 2 ? "MALE" : "FEMALE" })).id);
    const white = [];
    for (let i = 0; i < 30; i++) white.push((await makeStudent(tx, { districtId, schoolId: school.north, races: ["WHITE"], gender: i % 2 ? "MALE" : "FEMALE" })).id);
    const south = [];
    for (let i = 0; i < 10; i++) south.push((await makeStudent(tx, { districtId, schoolId: school.south, races: ["BLACK_AFRICAN_AMERICAN"], grade: "G7" })).id);
    // Another district's students at Tier 3 must never be counted.
    const foreign = await makeStudent(tx, { districtId: otherDistrictId, schoolId: hill, hispanicLatino: true });

    const tier = (d: string, studentId: string, t: "TIER_2" | "TIER_3", area: "READING" | "MATH" = "READING", by = admin.userId) =>
      tx.studentTier.create({ data: { districtId: d, studentId, area, tier: t, effectiveDate: inYear("09-15"), reason: "Fall screening", decidedByUserId: by } });
    // Reading Tier 3: 12 Hispanic, 3 White; Tier 2: 6 White; South: 2 at Tier 2 in math.
    for (const id of hispanic.slice(0, 12)) await tier(districtId, id, "TIER_3");
    for (const id of white.slice(0, 3)) await tier(districtId, id, "TIER_3");
    for (const id of white.slice(3, 9)) await tier(districtId, id, "TIER_2");
    for (const id of south.slice(0, 2)) await tier(districtId, id, "TIER_2", "MATH");
    await tier(otherDistrictId, foreign.id, "TIER_3", "READING", otherAdmin.userId);

    // Major incidents: 10 Hispanic students at North, each once this school year; one last year (not counted).
    const behavior = await makeBehaviorCode(tx, { districtId, severity: "MAJOR" });
    const location = await makeBehaviorCode(tx, { districtId, kind: "LOCATION", severity: null });
    for (const id of hispanic.slice(10, 20)) {
      await makeIncident(tx, { districtId, schoolId: school.north, studentId: id, behaviorCodeId: behavior.id, locationCodeId: location.id, reportedByUserId: admin.userId, severity: "MAJOR", occurredOn: inYear("10-06") });
    }
    await makeIncident(tx, { districtId, schoolId: school.north, studentId: white[20]!, behaviorCodeId: behavior.id, locationCodeId: location.id, reportedByUserId: admin.userId, severity: "MAJOR", occurredOn: new Date(`${YEAR - 1}-10-06T00:00:00Z`) });

    // Screening: an ORF screener with G3 benchmarks (fall 70 / cut 40, winter 85 / cut 55), ten North students in both windows.
    const orf = await makeMeasure(tx, { districtId, screeningArea: "READING" });
    await tx.benchmark.createMany({
      data: [
        { districtId, measureId: orf.id, grade: "G3", season: "FALL", benchmark: 70, riskCut: 40 },
        { districtId, measureId: orf.id, grade: "G3", season: "WINTER", benchmark: 85, riskCut: 55 },
      ],
    });
    const fall = await tx.screeningWindow.create({ data: { districtId, schoolYear: YEAR, season: "FALL", startDate: inYear("09-01"), endDate: inYear("09-30") } });
    const winter = await tx.screeningWindow.create({ data: { districtId, schoolYear: YEAR, season: "WINTER", startDate: inYear("01-05"), endDate: inYear("01-30") } });
    // fall: 5 high (30), 3 some (50), 2 at (80); winter: of the high, 2 at (90), 1 some (60), 2 high (40); the some all at (90); the at (100).
    const fallScores = [30, 30, 30, 30, 30, 50, 50, 50, 80, 80];
    const winterScores = [90, 90, 60, 40, 40, 90, 90, 90, 100, 100];
    const score = (windowId: string, studentId: string, value: number) =>
      tx.screeningScore.create({ data: { districtId, studentId, measureId: orf.id, windowId, grade: "G3", score: value, source: "GRID", enteredByUserId: admin.userId } });
    for (let i = 0; i < 10; i++) {
      await score(fall.id, white[10 + i]!, fallScores[i]!);
      await score(winter.id, white[10 + i]!, winterScores[i]!);
    }
    // One South student screened in fall only.
    await score(fall.id, south[5]!, 20);
  });
});

describe("MTSS health", () => {
  it("counts tiers per area against 80/15/5, equal to an independent count and to the home's 'no plan' flag", async () => {
    const h = ok(await getHealthDashboard(admin.ctx, {}, NOW));
    const reading = h.data.areas.find((a) => a.area === "READING")!;
    expect(reading.distribution.counts).toEqual({ TIER_1: 70 - 21, TIER_2: 6, TIER_3: 15 });
    const [independent] = await ownerSql<{ t2: number; t3: number }>(
      `SELECT count(*) FILTER (WHERE cur.tier = 'TIER_2')::int AS t2, count(*) FILTER (WHERE cur.tier = 'TIER_3')::int AS t3 FROM (
         SELECT DISTINCT ON (st."studentId") st.tier FROM "StudentTier" st JOIN "Student" s ON s.id = st."studentId"
         WHERE st."districtId" = $1 AND st.area = 'READING' AND s."archivedAt" IS NULL ORDER BY st."studentId", st."effectiveDate" DESC) cur`,
      [districtId],
    );
    expect([reading.distribution.counts.TIER_2, reading.distribution.counts.TIER_3]).toEqual([independent!.t2, independent!.t3]);
    const flagged = await withTenant(districtId, (tx) => studentIdsFlaggedIn(tx, districtId, null, "noPlan"));
    expect(h.data.areas.reduce((s, a) => s + (a.withoutPlan ?? 0), 0)).toBe(flagged.length);
    expect(reading.distribution.coreConcern).toBe(true);
    // Writing has no decision anywhere: it is left out rather than shown as 100% Tier 1.
    expect(h.data.areas.map((a) => a.area)).toEqual(["READING", "MATH"]);
  });

  it("sums the district's school x grade cells per school as each school's own view counts them", async () => {
    // The district view's per-school rows (issue 18): a school's row equals that school's view, and the rows add up to the district.
    const h = ok(await getHealthDashboard(admin.ctx, {}, NOW));
    const perSchool = tiersBySchool(h.data.cells);
    expect(perSchool.length).toBeGreaterThan(1);
    for (const s of perSchool) {
      const own = ok(await getHealthDashboard(admin.ctx, { school: s.schoolId }, NOW));
      for (const a of s.areas) {
        const same = own.data.areas.find((x) => x.area === a.area);
        if (same) expect({ counts: a.distribution.counts, withoutPlan: a.withoutPlan }).toEqual({ counts: same.distribution.counts, withoutPlan: same.withoutPlan });
      }
      expect(s.students).toBe(own.data.cells.filter((c) => c.area === s.areas[0]!.area).reduce((sum, c) => sum + c.distribution.total, 0));
    }
    for (const area of h.data.areas) {
      const rows = perSchool.flatMap((s) => s.areas.filter((a) => a.area === area.area));
      expect(rows.reduce((sum, a) => sum + a.distribution.counts.TIER_3, 0)).toBe(area.distribution.counts.TIER_3);
      expect(rows.reduce((sum, a) => sum + a.distribution.total, 0)).toBe(area.distribution.total);
    }
  });

  it("reads screening per window and the movement from fall to winter", async () => {
    const h = ok(await getHealthDashboard(admin.ctx, { school: school.north }, NOW));
    const of = (season: string) => h.data.windows.find((w) => w.season === season && w.area === "READING")!.shares.counts;
    expect(of("FALL")).toEqual({ AT_BENCHMARK: 2, SOME_RISK: 3, HIGH_RISK: 5 });
    expect(of("WINTER")).toEqual({ AT_BENCHMARK: 7, SOME_RISK: 1, HIGH_RISK: 2 });
    const high = h.data.movements.find((m) => m.from === "FALL" && m.area === "READING")!.rows.find((r) => r.from === "HIGH_RISK")!;
    expect(high.to).toEqual({ AT_BENCHMARK: 2, SOME_RISK: 1, HIGH_RISK: 2, NOT_SCREENED: 0 });
    expect(high.improved).toBe(0.6);
  });

  it("gives a coordinator their schools' figures only, and refuses another school by id", async () => {
    const mine = ok(await getHealthDashboard(coordinator.ctx, {}, NOW));
    expect(mine.options.schools.map((s) => s.label)).toEqual(["North Elementary"]);
    expect(mine.data.areas.map((a) => a.area)).toEqual(["READING"]);
    expect(mine.data.windows.find((w) => w.season === "FALL")!.shares.screened).toBe(10);
    const refused = await getHealthDashboard(coordinator.ctx, { school: school.south }, NOW);
    expect(refused).toMatchObject({ ok: false, message: "That school is not one we know, or not one of yours: choose one from the list." });
    expect(JSON.stringify(refused)).not.toContain("South");
  });

  it.each([
    [{ grade: "G13" }, "That grade is not one we know: choose one from the list."],
    [{ area: "SPELLING" }, "That area is not one we know: choose one from the list."],
    [{ subgroup: "left-handed" }, "That subgroup is not one we know: choose one from the list."],
    [{ school: "not-an-id" }, "That school is not one we know: choose one from the list."],
    [{ year: String(YEAR + 1) }, "school year has not started"],
    [{ sort: "name" }, "The link has something in it we do not read: use the filters on the page."],
  ])("refuses %j with a message, computing nothing", async (params, message) => {
    const d = await getHealthDashboard(admin.ctx, params, NOW);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.message).toContain(message);
  });

  it("shows an empty year as empty, not as an error", async () => {
    const h = ok(await getHealthDashboard(admin.ctx, { year: String(YEAR - 3) }, NOW));
    expect(h.data.windows).toEqual([]);
    expect(h.data.areas).toEqual([]);
  });

  it("gives assistants 404 with a denied event", async () => {
    await expect(getHealthDashboard(assistant.ctx, {}, NOW)).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: assistant.userId, action: "denied", entityType: "Dashboard" } }));
    expect(denied).toBe(1);
  });
});

describe("equity", () => {
  it("gives risk and ratio per subgroup with the suppression rules", async () => {
    const e = ok(await getEquityDashboard(admin.ctx, { school: school.north }, NOW));
    const tier3 = e.data.outcomes.find((o) => o.outcome === "tier3")!;
    const row = (g: string) => tier3.rows.find((r) => r.subgroup === g)!.cell;
    // Hispanic: 12 of 30 (40%) against 3 of 30 others (10%) = 4.0, flagged.
    expect(row("hispanic")).toEqual({ kind: "shown", count: 12, total: 30, risk: 0.4, comparisonRisk: 0.1, ratio: 4, noRatio: null, flagged: true });
    // White: 3 at Tier 3 is a count below 10, and English learners are a subgroup of 9.
    expect(row("white")).toEqual({ kind: "suppressed", text: "fewer than 10" });
    expect(row("englishLearner")).toEqual({ kind: "suppressed", text: "fewer than 10" });
    // Nobody at North is Black: a group of 0 is suppressed, not a division by zero.
    expect(row("black")).toEqual({ kind: "suppressed", text: "fewer than 10" });
    const major = e.data.outcomes.find((o) => o.outcome === "major")!;
    // 10 Hispanic students against none of the others: no ratio (nothing to divide by); last year's incident is not counted.
    expect(major.rows.find((r) => r.subgroup === "hispanic")!.cell).toMatchObject({ kind: "shown", count: 10, comparisonRisk: 0, ratio: null, noRatio: "comparison-risk-zero" });
    const [independent] = await ownerSql<{ n: number }>(
      `SELECT count(DISTINCT i."studentId")::int AS n FROM "Incident" i JOIN "Student" s ON s.id = i."studentId"
       WHERE i."districtId" = $1 AND i.severity = 'MAJOR' AND s."hispanicLatino" AND i."occurredOn" >= $2::date`,
      [districtId, `${YEAR}-07-01`],
    );
    expect(independent!.n).toBe(10);
    // A disability and identification define each other: no such row.
    expect(e.data.outcomes.find((o) => o.outcome === "identified")!.rows.some((r) => r.subgroup === "disability")).toBe(false);
  });

  it("narrows the rows to the chosen subgroup, not the comparison group", async () => {
    const e = ok(await getEquityDashboard(admin.ctx, { school: school.north, subgroup: "hispanic" }, NOW));
    const tier3 = e.data.outcomes.find((o) => o.outcome === "tier3")!;
    expect(tier3.rows.map((r) => r.subgroup)).toEqual(["hispanic"]);
    expect(tier3.rows[0]!.cell).toMatchObject({ ratio: 4 });
  });

  it("counts a coordinator's schools only, and another district's rows never (RLS and code)", async () => {
    const e = ok(await getEquityDashboard(coordinator.ctx, {}, NOW));
    expect(e.data.students).toBe(60);
    const other = ok(await getEquityDashboard(otherAdmin.ctx, {}, NOW));
    expect(other.data.students).toBe(1);
    const rls = await withTenant(otherDistrictId, (tx) => tx.student.count({ where: { districtId } }));
    expect(rls).toBe(0);
  });
});

describe("CSV downloads", () => {
  const get = (route: (r: Request) => Promise<Response>, who: Ctx, query: string) => {
    signInAs(who);
    return route(new Request(`http://localhost/dashboards/x/export?${query}`));
  };

  it("downloads the equity table with suppressed cells as words, audited as an export", async () => {
    const before = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: admin.userId, action: "export", entityType: "Dashboard" } }));
    const res = await get(equityExport, admin.ctx, `school=${school.north}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="equity-/);
    const text = await res.text();
    expect(text).toContain('"Placed in Tier 3","Hispanic or Latino","30","12","40","10","4",""'.replace(',""', ',"At or above the threshold"'));
    expect(text).toContain('"Placed in Tier 3","White","fewer than 10","fewer than 10","fewer than 10"');
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: admin.userId, action: "export", entityType: "Dashboard" } }));
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)!.detail).toMatchObject({ dashboard: "equity", format: "csv", filters: { school: school.north } });
  });

  it("neutralises a school name that looks like a formula", async () => {
    const res = await get(healthExport, admin.ctx, "table=tiers-by-school");
    const text = await res.text();
    expect(text).toContain(`"'=South Middle"`);
    expect(text).not.toContain(`"=South Middle"`);
  });

  it("refuses an unknown table or another school with a message and no export event", async () => {
    const before = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "export" } }));
    const bad = await get(healthExport, coordinator.ctx, "table=students");
    expect(bad.status).toBe(400);
    const other = await get(healthExport, coordinator.ctx, `table=tiers&school=${school.south}`);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("not one of yours");
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "export" } }))).toBe(before);
  });
});
