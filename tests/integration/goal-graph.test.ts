// The goal page's data (issue 6): probes by date with the aimline's value on
// each date, invalid probes drawn but never counted, the trend and its
// projection, phase lines, tier markers of the plan's area, the
// recommendation with its reason; who may see it (plan.view + probe.view
// through reachOf) and the audit trail of views and CSV exports.
//
// "Today" is pinned to 1 December 2026 (only Date is faked).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as csvRoute } from "@/app/(app)/goals/[goalId]/csv/route";
import type { Ctx } from "@/server/auth/session";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { getGoalGraph, goalGraphCsv } from "@/server/progress/graph";
import { makeCaseloadAssignment, makeDistrict, makeGoal, makeIntervention, makePlan, makeProbe, makeSchool, makeSession, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));

let districtId: string;
let otherDistrictId: string;
let schoolId: string;
let orf: string;
let anaPlanId: string;
const student = { ana: "", ben: "" };
const goal = { ana: "", ben: "", other: "" };
let specialist: Person; // Ana and Ben on the caseload
let coordinator: Person;
let assistant: Person; // delivers Ana's plan
let otherAssistant: Person; // delivers nothing
let otherAdmin: Person;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const auditOf = (userId: string, action: string) =>
  asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));

// Ana: baseline 41 on Friday 18 September, target 72 on 12 March 2027: 175
// days = 25 weeks, so the aimline rises 31 / 175 per day = 1.24 per week and
// is at 41 + 1.24 k on the k-th Friday after the baseline.
// Weekly probes on Fridays; 16 October is marked invalid (a practised passage).
const ANA_PROBES: [string, number][] = [
  ["2026-09-25", 42],
  ["2026-10-02", 44],
  ["2026-10-09", 43],
  ["2026-10-16", 60],
  ["2026-10-23", 45],
  ["2026-10-30", 44],
  ["2026-11-06", 46],
  ["2026-11-13", 45],
  ["2026-11-20", 47],
  ["2026-11-27", 48],
];
const ANA_AIMLINE = ["42.2", "43.5", "44.7", "46", "47.2", "48.4", "49.7", "50.9", "52.2", "53.4"];

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T15:00:00Z") });
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    schoolId = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    student.ana = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Anabel", preferredName: "Ana", legalLastName: "Reyes", localId: "LS-0042", grade: "G3" })).id;
    student.ben = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Ben", legalLastName: "Okoro", grade: "G3" })).id;
    await ensureDefaultMeasures(tx, districtId);
    await ensureDefaultMeasures(tx, otherDistrictId);
    orf = (await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } })).id;
  });
  specialist = await person("Sam Patel", "SPECIALIST", [schoolId]);
  coordinator = await person("Cora Coordinator", "COORDINATOR", [schoolId]);
  // A formula-like name: the CSV must not let a spreadsheet run it.
  assistant = await person("=Jordan Lee", "ASSISTANT", [schoolId]);
  otherAssistant = await person("Ola Other", "ASSISTANT", [schoolId]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);
  await asOwner(async (tx) => {
    for (const s of [student.ana, student.ben]) await makeCaseloadAssignment(tx, { districtId, studentId: s, membershipId: specialist.membershipId });
    const base = { districtId, schoolId, createdByUserId: specialist.userId, startDate: day("2026-09-21") };
    const reading = await makeIntervention(tx, { districtId, name: "Repeated reading", components: ["Model reading", "Repeated reading", "Error correction"] });
    const anaPlan = await makePlan(tx, { ...base, studentIds: [student.ana], interventionistMembershipIds: [assistant.membershipId], interventionId: reading.id });
    anaPlanId = anaPlan.id;
    await tx.planPhase.create({
      data: {
        districtId,
        planId: anaPlan.id,
        number: 2,
        startDate: day("2026-10-26"),
        interventionId: reading.id,
        minutesPerSession: 30,
        sessionsPerWeek: 5,
        groupSize: 1,
        interventionistNames: ["=Jordan Lee"],
        change: "A fifth session a week",
        createdByUserId: specialist.userId,
      },
    });
    const benPlan = await makePlan(tx, { ...base, studentIds: [student.ben], customIntervention: "Phonics boost" });
    const goalOf = (planId: string, studentId: string) =>
      makeGoal(tx, { districtId, planId, studentId, measureId: orf, createdByUserId: specialist.userId, baselineValue: 41, baselineDate: day("2026-09-18"), targetValue: 72, targetDate: day("2027-03-12") });
    goal.ana = (await goalOf(anaPlan.id, student.ana)).id;
    goal.ben = (await goalOf(benPlan.id, student.ben)).id;
    for (const [date, score] of ANA_PROBES) {
      const invalid = date === "2026-10-16";
      await makeProbe(tx, {
        districtId,
        studentId: student.ana,
        measureId: orf,
        goalId: goal.ana,
        givenByUserId: assistant.userId,
        date: day(date),
        score,
        ...(invalid ? { invalidatedAt: new Date("2026-10-17T10:00:00Z"), invalidReason: "Read a practised passage" } : {}),
      });
    }
    // Ben: 8 weekly probes exactly on 40 + 2 per week from the baseline.
    for (let k = 1; k <= 8; k++) {
      await makeProbe(tx, { districtId, studentId: student.ben, measureId: orf, goalId: goal.ben, givenByUserId: specialist.userId, date: day(isoPlusWeeks("2026-09-18", k)), score: 40 + 2 * k });
    }
    const tier = (date: string, area: "READING" | "MATH", t: "TIER_2" | "TIER_3") =>
      tx.studentTier.create({ data: { districtId, studentId: student.ana, area, tier: t, effectiveDate: day(date), reason: "Data team decision", decidedByUserId: coordinator.userId } });
    await tier("2026-09-15", "READING", "TIER_3"); // before the graph's first day
    await tier("2026-11-10", "READING", "TIER_2"); // drawn
    await tier("2026-11-12", "MATH", "TIER_3"); // another area: not drawn
  });
});

function isoPlusWeeks(iso: string, weeks: number): string {
  return new Date(day(iso).getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

afterAll(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  signInAs(specialist.ctx);
});

describe("getGoalGraph: the graph's data", () => {
  it("places every probe by date with the aimline's value on that date, invalid ones marked", async () => {
    const view = await getGoalGraph(specialist.ctx, goal.ana);
    expect(view.goal.sentence).toBe("By 12 March 2027, Ana will read 72 words correct per minute (from 41), 1.2 per week.");
    // Issue 13: the heading names her as the goal sentence does (Ana), with her legal name beside it.
    expect(view.student).toEqual({ id: student.ana, name: "Ana Reyes", legalName: "Anabel Reyes", grade: "G3", localId: "LS-0042" });
    const points = view.graph.points;
    expect(points.map((p) => [p.date, p.score, p.valid])).toEqual(ANA_PROBES.map(([d, s]) => [d, s, d !== "2026-10-16"]));
    // 41 + 31 * 7k / 175 for k = 1..10.
    points.forEach((p, k) => expect(p.aimline).toBeCloseTo(41 + (31 * 7 * (k + 1)) / 175, 10));
    expect(points.map((p) => p.givenBy)).toEqual(ANA_PROBES.map(() => "=Jordan Lee"));
    // x is a day number, so the weekly probes are 7 apart whatever their index.
    expect(points[1]!.day - points[0]!.day).toBe(7);
    expect(view.graph.aimline).toEqual([
      { day: day("2026-09-18").getTime() / 86_400_000, date: "2026-09-18", value: 41 },
      { day: day("2027-03-12").getTime() / 86_400_000, date: "2027-03-12", value: 72 },
    ]);
    expect(view.graph.target).toEqual(view.graph.aimline[1]);
    expect(view.graph.xDomain).toEqual([view.graph.aimline[0].day, view.graph.aimline[1].day]);
  });

  it("draws a phase line at each plan change and the plan area's tier decisions inside the graph's dates", async () => {
    const view = await getGoalGraph(specialist.ctx, goal.ana);
    expect(view.graph.phaseLines.map((m) => [m.date, m.label])).toEqual([["2026-10-26", "Phase 2: A fifth session a week"]]);
    expect(view.graph.tierMarkers.map((m) => [m.date, m.label])).toEqual([["2026-11-10", "Tier 2"]]);
    expect(view.tierDecisions).toEqual([{ date: "2026-11-10", tier: "TIER_2", reason: "Data team decision" }]);
  });

  it("judges only the valid points of the current phase, and gates a change on delivery", async () => {
    const rec = (await getGoalGraph(specialist.ctx, goal.ana)).recommendation;
    // Since the change on 26 October: 30 Oct, 6, 13, 20, 27 Nov (5 points; the trend needs 6).
    expect(rec.period.points.map((p) => p.date)).toEqual(["2026-10-30", "2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"]);
    expect(rec.trend).toMatchObject({ sufficient: false, required: 6, available: 5, missing: 1 });
    // The last four are below 49.68, 50.92, 52.16, 53.4.
    expect(rec.fourPoint).toMatchObject({ sufficient: true, outcome: "change", worse: 4 });
    // No session was logged: no intensification, the data cannot show non-response yet.
    expect(rec).toMatchObject({ kind: "insufficient", rule: "dosage", basedOn: "four-point" });
    expect(rec.reason).toContain("the data cannot show non-response yet");
    const view = await getGoalGraph(specialist.ctx, goal.ana);
    expect(view.graph.trend).toBeUndefined();
    expect(view.delivery).toMatchObject({ from: "2026-10-26", to: "2026-12-01" });
    // Tier 2 since 10 November: a probe every two weeks; the last came 4 days ago.
    expect(view.probeDue).toMatchObject({ overdue: false, intervalDays: 14, daysSince: 4, countedFrom: "2026-11-27" });
  });

  it("recommends changing instruction once the plan was delivered as written", async () => {
    // Phase 2 plans 5 sessions of 30 minutes a week on Monday, Wednesday and
    // Friday: 5/3 sessions on each of the 16 such days from 26 October to 30
    // November, 800 minutes. One 50-minute session with every component on each day delivers all of it.
    await asOwner(async (tx) => {
      const components = await tx.interventionComponent.findMany({ where: { districtId, intervention: { plans: { some: { id: anaPlanId } } } } });
      for (let d = day("2026-10-26").getTime(); d <= day("2026-11-30").getTime(); d += 86_400_000) {
        const date = new Date(d);
        if (![1, 3, 5].includes(date.getUTCDay())) continue;
        const session = await makeSession(tx, { districtId, planId: anaPlanId, loggedByUserId: assistant.userId, date, minutes: 50, componentsDelivered: components.length });
        await tx.sessionAttendance.create({ data: { districtId, sessionId: session.id, planId: anaPlanId, studentId: student.ana, date, status: "PRESENT" } });
        await tx.sessionComponent.createMany({ data: components.map((c) => ({ districtId, sessionId: session.id, componentId: c.id })) });
      }
    });
    const view = await getGoalGraph(specialist.ctx, goal.ana);
    expect(view.delivery).toEqual({ from: "2026-10-26", to: "2026-12-01", plannedMinutes: 800, deliveredMinutes: 800 });
    expect(view.recommendation.delivery).toMatchObject({ ok: true, dosagePercent: 100, fidelityPercent: 100 });
    expect(view.recommendation).toMatchObject({ kind: "change", rule: "four-point", title: "Change or intensify instruction" });
    expect(view.recommendation.reason).toBe("The 4 most recent points are below the aimline: change instruction.");
  });

  it("fits the trend over the monitoring period and projects it to the target date", async () => {
    const view = await getGoalGraph(specialist.ctx, goal.ben);
    const rec = view.recommendation;
    // 40 + 2 per week from 18 September: 42 on 25 September ... 56 on 13 November; 40 + 2 * 25 = 90 on 12 March.
    expect(rec.trend).toMatchObject({ sufficient: true, outcome: "raise-goal", pace: "faster", willMeetTarget: true });
    expect(rec.kind).toBe("raise-goal");
    const [from, to] = view.graph.trend!;
    expect([from.date, to.date]).toEqual(["2026-09-25", "2026-11-13"]);
    expect(from.value).toBeCloseTo(42, 9);
    expect(to.value).toBeCloseTo(56, 9);
    expect(view.graph.projection![1].date).toBe("2027-03-12");
    expect(view.graph.projection![1].value).toBeCloseTo(90, 9);
    expect(view.graph.phaseLines).toEqual([]);
    expect(view.summary).toContain("the trend is 2 per week");
    // No tier decision in reading: monitored as Tier 2; the last probe was 18 days ago.
    expect(view.probeDue).toMatchObject({ overdue: true, intervalDays: 14, daysSince: 18 });
  });

  it("measures the gap against this season's benchmark for the student's grade", async () => {
    expect((await getGoalGraph(specialist.ctx, goal.ben)).benchmark).toBeNull();
    // 1 December is in winter; a grade 4 benchmark is not Ben's (grade 3).
    await asOwner(async (tx) => {
      await tx.benchmark.create({ data: { districtId, measureId: orf, grade: "G3", season: "WINTER", benchmark: 72, riskCut: 47 } });
      await tx.benchmark.create({ data: { districtId, measureId: orf, grade: "G4", season: "WINTER", benchmark: 90 } });
    });
    const view = await getGoalGraph(specialist.ctx, goal.ben);
    expect(view.benchmarkKey).toEqual({ grade: "G3", season: "WINTER" });
    expect(view.benchmark).toBe(72);
    // Current score: the median of 52, 54, 56 = 54 on 13 November; 72 / 54 = 1.33, not significant.
    // By 12 March: 119 days = 17 weeks, (72 - 54) / 17 = 1.06 a week, within twice the goal ROI (1.24).
    const gap = view.recommendation.gap!;
    expect(gap).toMatchObject({ benchmark: 72, atBenchmark: false, significant: false, weeksLeft: 17, realistic: true });
    expect(gap.ratio).toBeCloseTo(72 / 54, 12);
    expect(gap.neededRoiPerWeek).toBeCloseTo(18 / 17, 12);
  });
});

describe("getGoalGraph: who may see it", () => {
  it("shows the assistant who delivers the plan, and audits the view with the student", async () => {
    const view = await getGoalGraph(assistant.ctx, goal.ana);
    expect(view.goal.id).toBe(goal.ana);
    expect(view.mayEnterProbes).toBe(true);
    expect(await auditOf(assistant.userId, "view")).toEqual([
      expect.objectContaining({ entityType: "Goal", entityId: goal.ana, studentId: student.ana, detail: { page: "progress graph" } }),
    ]);
  });

  it("lets the school's coordinator see it", async () => {
    expect((await getGoalGraph(coordinator.ctx, goal.ben)).goal.id).toBe(goal.ben);
    expect((await getGoalGraph(coordinator.ctx, goal.ben)).mayEnterProbes).toBe(true);
  });

  it("answers not found to an assistant who does not serve the student, with a denied audit event", async () => {
    await expect(getGoalGraph(otherAssistant.ctx, goal.ana)).rejects.toMatchObject(NOT_FOUND);
    expect(await auditOf(otherAssistant.userId, "denied")).toEqual([
      expect.objectContaining({ entityType: "Goal", entityId: goal.ana, studentId: student.ana, detail: { attempted: "probe.view" } }),
    ]);
    expect(await auditOf(otherAssistant.userId, "view")).toEqual([]);
  });

  it("answers not found to another district's administrator and for unknown or malformed ids", async () => {
    await expect(getGoalGraph(otherAdmin.ctx, goal.ana)).rejects.toMatchObject(NOT_FOUND);
    await expect(getGoalGraph(specialist.ctx, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject(NOT_FOUND);
    await expect(getGoalGraph(specialist.ctx, "not-a-uuid")).rejects.toMatchObject(NOT_FOUND);
    const denied = await auditOf(otherAdmin.userId, "denied");
    // Another district's goal is invisible under row-level security: nothing names its student.
    expect(denied).toEqual([expect.objectContaining({ entityId: goal.ana, studentId: null })]);
  });
});

describe("the CSV export", () => {
  it("lists the table's rows, formula-safe, and is audited as an export", async () => {
    signInAs(specialist.ctx);
    const res = await csvRoute(new Request(`http://test/goals/${goal.ana}/csv`), { params: Promise.resolve({ goalId: goal.ana }) });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="progress-LS-0042-orf_wcpm-2026-12-01.csv"');
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe('"date","score","unit","aimline","counted","invalid_reason","given_by"');
    expect(lines.slice(1)).toEqual(
      ANA_PROBES.map(([date, score], k) => {
        const invalid = date === "2026-10-16";
        return `"${date}","${score}","WCPM","${ANA_AIMLINE[k]}","${invalid ? "no" : "yes"}","${invalid ? "Read a practised passage" : ""}","'=Jordan Lee"`;
      }),
    );
    expect(await auditOf(specialist.userId, "export")).toEqual([
      expect.objectContaining({ entityType: "Goal", entityId: goal.ana, studentId: student.ana }),
    ]);
  });

  it("refuses someone who may not see the goal, and writes no export event", async () => {
    signInAs(otherAssistant.ctx);
    await expect(csvRoute(new Request(`http://test/goals/${goal.ben}/csv`), { params: Promise.resolve({ goalId: goal.ben }) })).rejects.toMatchObject(NOT_FOUND);
    expect(await auditOf(otherAssistant.userId, "export")).toEqual([]);
  });

  it("is the same text as goalGraphCsv of the page's data", async () => {
    const view = await getGoalGraph(specialist.ctx, goal.ben);
    expect(goalGraphCsv(view).split("\r\n")[1]).toBe('"2026-09-25","42","WCPM","42.2","yes","","Sam Patel"');
  });
});

describe("the student's name on the goal graph (issue 13)", () => {
  it("uses one name for the heading and the goal sentence, and gives no legal name when it is the same", async () => {
    const view = await getGoalGraph(specialist.ctx, goal.ana);
    const first = view.goal.sentence.match(/, (\w+) will /)![1];
    expect(view.student.name.split(" ")[0]).toBe(first);
    expect(view.goal.studentName).toBe(view.student.name);
    // Without a preferred name, the legal name is the one shown, once.
    await asOwner((tx) => tx.student.update({ where: { id: student.ana }, data: { preferredName: null } }));
    try {
      const plain = await getGoalGraph(specialist.ctx, goal.ana);
      expect(plain.student).toMatchObject({ name: "Anabel Reyes", legalName: null });
      expect(plain.goal.sentence).toMatch(/, Anabel will /);
    } finally {
      await asOwner((tx) => tx.student.update({ where: { id: student.ana }, data: { preferredName: "Ana" } }));
    }
  });
});
