// The demo district's school year (issue 14): every Tier 2 and Tier 3
// student without a plan in the area gets an active plan with a goal, started
// a week or two after the fall screening, with probes from the plan's start
// to the day the seed runs (weekly at Tier 3, every two weeks at Tier 2) and
// logged sessions with realistic absences. Trajectories vary: students who
// respond, slow responders, flat ones, one who already met the goal, a
// lower-is-better behaviour measure, one phase change that worked and one
// that did not, an invalid probe, a missed stretch of probes (overdue). A few
// plans are delivered below the dosage threshold (cancellations) or the
// fidelity threshold (components left out); by intervention, LLI does not
// work though delivered and Fusion is delivered below the fidelity
// threshold (the effectiveness dashboard's story, DOES_NOT_WORK below). Some students also have a
// completed or discontinued plan from the previous school year. Riverbend
// gets a smaller version (a few tiers and plans, delivered by its
// coordinator). Deterministic for a given day (a seeded PRNG per student);
// a district that has any of these plans is left as it is.
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { makeGoal, makePlan } from "../../tests/factories";
import { addDaysIso, demoIso, schoolYearStart, seedToday } from "./calendar";
import { DEMO_PLANLESS_STUDENT, DEMO_SCHOOLS, DEMO_STUDENTS } from "./demo-data";
import { rng, type Rng } from "./people";
import { DEMO_CLOSED_DAYS } from "./sessions";
import { CICO_CARD_PLANS } from "./cico";

/**
 * Ids of this module's rows (fixed per district `d`, 0 Maple Valley, 1 Riverbend; ids are unique across districts):
 * plans 9a10000d-..., probes 9b1d0000-..., sessions 5e5d<plan>-... (the fixed demo rows start 9a000000, 9b000000, 5e55).
 */
const yearPlanPrefix = (d: number) => `9a10000${d}-0000-4000-8000-`;
const hex12 = (n: number) => n.toString(16).padStart(12, "0");

type Area = "READING" | "MATH" | "BEHAVIOR";
type Trajectory = "responder" | "slow" | "flat" | "met" | "phase-worked" | "phase-failed";

interface MeasureSpec {
  key: string;
  /** Baseline for a grade index (0 = kindergarten). */
  baseline: (grade: number, r: Rng) => number;
  /** Goal ROI per week (negative: lower is better). */
  roi: number;
  min: number;
  max?: number;
  decimals: number;
  noise: number;
}

const MEASURES: Record<string, MeasureSpec> = {
  orf: { key: "orf_wcpm", baseline: (g, r) => Math.round(18 + g * 14 + r.next() * 10), roi: 1.5, min: 0, decimals: 0, noise: 3 },
  math: { key: "math_computation_dcpm", baseline: (g, r) => Math.round(6 + g * 2 + r.next() * 6), roi: 0.8, min: 0, decimals: 0, noise: 2 },
  incidents: { key: "behaviour_incidents_per_day", baseline: (_g, r) => 4 + Math.floor(r.next() * 3), roi: -0.2, min: 0, decimals: 0, noise: 0.6 },
  cico: { key: "cico_percent_points", baseline: (_g, r) => Math.round(52 + r.next() * 10), roi: 1.5, min: 0, max: 100, decimals: 0, noise: 4 },
};

/** The library's interventions (prisma/seed/library.ts) a plan of the area picks from, with the measure its goal uses. */
const INTERVENTIONS: Record<Area, { name: string; measure: keyof typeof MEASURES }[]> = {
  READING: [
    { name: "Read Naturally", measure: "orf" },
    { name: "Leveled Literacy Intervention (LLI)", measure: "orf" },
    { name: "Great Leaps Reading", measure: "orf" },
    { name: "Corrective Reading: Decoding", measure: "orf" },
  ],
  MATH: [
    { name: "Number Rockets", measure: "math" },
    { name: "Fusion (Whole Number Foundations Level 1)", measure: "math" },
    { name: "Pirate Math", measure: "math" },
  ],
  BEHAVIOR: [
    { name: "Check-In/Check-Out (CICO)", measure: "cico" },
    { name: "Good Behavior Game", measure: "incidents" },
    { name: "Coping Power", measure: "incidents" },
  ],
};

/**
 * What the intervention effectiveness dashboard shows (decision 029), each true of the record below:
 * LLI's students stay flat although it is delivered as planned (an intervention that does not work
 * here), and Fusion, whose students make as little progress, is delivered with components left out,
 * below the fidelity threshold (not delivered as planned: the rules hold back their "change
 * instruction", and nothing can be said of Fusion yet); the others work for most of their students.
 */
const DOES_NOT_WORK = "Leveled Literacy Intervention (LLI)";
const BELOW_FIDELITY = "Fusion (Whole Number Foundations Level 1)";

const GRADE_INDEX: Record<string, number> = { KG: 0, G1: 1, G2: 2, G3: 3, G4: 4, G5: 5, G6: 6, G7: 7, G8: 8, G9: 9, G10: 10, G11: 11, G12: 12 };
const SCHEDULES: Record<number, number[]> = { 2: [2, 4], 3: [1, 3, 5], 4: [1, 2, 3, 4], 5: [1, 2, 3, 4, 5] };
const NOTES = ["Good focus today.", "Started late: the class ran over.", "Needed extra modelling on the second task.", "Moved up a level."];

interface Staff {
  author: { userId: string; membershipId: string; name: string };
  approver: { userId: string };
  interventionists: { membershipId: string; userId: string; name: string }[];
}

const weekdayOf = (iso: string) => ((((Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 3) % 7) + 7) % 7) + 1;
const at = (iso: string, time: string) => new Date(`${iso}T${time}:00Z`);
const clamp = (v: number, s: MeasureSpec) => Math.min(s.max ?? Infinity, Math.max(s.min, v));
const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/** What the year added. */
export interface YearCounts {
  plans: number;
  probes: number;
  sessions: number;
}

/** Adds Maple Valley's school year of plans, probes and sessions unless it has them; returns what it added. */
export async function seedYear(tx: Tx, districtId: string, today = seedToday()): Promise<YearCounts> {
  const none = { plans: 0, probes: 0, sessions: 0 };
  const isMaple = (await tx.school.count({ where: { districtId, id: DEMO_SCHOOLS.mapleElementary.id } })) > 0;
  const d = isMaple ? 0 : 1;
  const planId = (n: number) => `${yearPlanPrefix(d)}${hex12(n)}`;
  const existing = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n" FROM "InterventionPlan" WHERE "districtId" = ${districtId}::uuid AND "id"::text LIKE ${`${yearPlanPrefix(d)}%`}`;
  if ((existing[0]?.n ?? 0) > 0) return none;
  if (!isMaple) await seedRiverbendTiers(tx, districtId, today);

  // Each student's current tier per area, Tier 2 or 3 (the newest decision in effect today).
  const tiers = await tx.$queryRaw<{ studentId: string; schoolId: string; localId: string; grade: string; area: Area; tier: "TIER_2" | "TIER_3"; effectiveDate: string }[]>`
    SELECT t."studentId"::text AS "studentId", s."schoolId"::text AS "schoolId", s."localId", s."grade"::text AS "grade", t."area"::text AS "area", t."tier"::text AS "tier",
           to_char(t."effectiveDate", 'YYYY-MM-DD') AS "effectiveDate"
    FROM (SELECT DISTINCT ON ("studentId", "area") * FROM "StudentTier"
          WHERE "districtId" = ${districtId}::uuid AND "effectiveDate" <= ${today}::date
          ORDER BY "studentId", "area", "effectiveDate" DESC, "createdAt" DESC) t
    JOIN "Student" s ON s."districtId" = t."districtId" AND s."id" = t."studentId"
    WHERE t."tier" IN ('TIER_2', 'TIER_3') AND t."area" IN ('READING', 'MATH', 'BEHAVIOR') AND s."archivedAt" IS NULL
    ORDER BY s."localId", t."area"`;
  // A student with an active, completed or discontinued plan in the area this year keeps that story (drafts do not count).
  const planned = new Set(
    (
      await tx.$queryRaw<{ key: string }[]>`
        SELECT DISTINCT ps."studentId"::text || '/' || p."area"::text AS "key"
        FROM "PlanStudent" ps JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
        WHERE ps."districtId" = ${districtId}::uuid AND p."status" <> 'DRAFT'`
    ).map((r) => r.key),
  );
  // A plan completed this year sends the student back to core instruction in its area: a Tier 1 decision on its end date.
  const completed = await tx.$queryRaw<{ studentId: string; area: Area; endDate: string; by: string }[]>`
    SELECT ps."studentId"::text AS "studentId", p."area"::text AS "area", to_char(p."endDate", 'YYYY-MM-DD') AS "endDate", coalesce(p."approvedByUserId", p."createdByUserId")::text AS "by"
    FROM "PlanStudent" ps JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
    WHERE ps."districtId" = ${districtId}::uuid AND p."status" = 'COMPLETED' AND p."endDate" <= ${today}::date AND p."endDate" >= ${schoolYearStart(today)}::date`;
  const backToTier1 = completed.filter((c) => tiers.some((t) => t.studentId === c.studentId && t.area === c.area && t.effectiveDate < c.endDate));
  if (backToTier1.length) {
    await tx.studentTier.createMany({
      data: backToTier1.map((c) => ({ districtId, studentId: c.studentId, area: c.area, tier: "TIER_1" as const, effectiveDate: at(c.endDate, "00:00"), reason: "Goal met: back to core instruction with monthly checks", decidedByUserId: c.by, createdAt: at(c.endDate, "17:00") })),
    });
  }
  const todo = tiers.filter((t) => !planned.has(`${t.studentId}/${t.area}`) && t.localId !== DEMO_PLANLESS_STUDENT.localId && t.studentId !== DEMO_STUDENTS.maya.id);
  if (todo.length === 0) return none;

  const measures = new Map((await tx.measure.findMany({ where: { districtId }, select: { id: true, key: true } })).map((m) => [m.key, m.id]));
  const library = new Map(
    (await tx.intervention.findMany({ where: { districtId, retiredAt: null }, select: { id: true, name: true, components: { where: { retiredAt: null }, select: { id: true } } } })).map((i) => [
      i.name,
      i,
    ]),
  );
  const staffBySchool = await staffOf(tx, districtId);

  const year = schoolYearStart(today);
  const yesterday = addDaysIso(today, -1);
  const closed = new Set(DEMO_CLOSED_DAYS);
  const probes: Prisma.ProbeCreateManyInput[] = [];
  const sessions: Prisma.InterventionSessionCreateManyInput[] = [];
  const attendance: Prisma.SessionAttendanceCreateManyInput[] = [];
  const delivered: Prisma.SessionComponentCreateManyInput[] = [];
  let serial = 0;
  let probeSerial = 0;
  // The first Maple Valley Elementary CICO plans keep a daily report card (prisma/seed/cico.ts), whose days are the goal's probes.
  let cardPlans = 0;
  // Special stories go to the first Tier 3 students (weekly probes show them best).
  const tier3 = todo.filter((t) => t.tier === "TIER_3");
  const special = new Map<string, Trajectory>([
    [tier3[0] ? `${tier3[0].studentId}/${tier3[0].area}` : "", "phase-worked"],
    [tier3[1] ? `${tier3[1].studentId}/${tier3[1].area}` : "", "phase-failed"],
  ]);

  for (const [i, t] of todo.entries()) {
    const staff = staffBySchool.get(t.schoolId);
    if (!staff) continue;
    const r = rng(70_000 + i);
    const options = INTERVENTIONS[t.area];
    const choice = options[i % options.length]!;
    const intervention = library.get(choice.name);
    const spec = MEASURES[choice.measure]!;
    const measureId = measures.get(spec.key);
    if (!intervention || !measureId) continue;
    serial += 1;
    const id = planId(serial);
    const weekly = t.tier === "TIER_3";
    const trajectory: Trajectory =
      special.get(`${t.studentId}/${t.area}`) ??
      (choice.name === DOES_NOT_WORK || choice.name === BELOW_FIDELITY
        ? i % 5 === 0
          ? "slow"
          : "flat"
        : (["responder", "slow", "responder", "responder", "met", "responder", "slow"] as const)[i % 7]!);
    // Plans start on a Monday one to three weeks after the decision (the screening), never before the year.
    const decided = t.effectiveDate > year ? t.effectiveDate : year;
    const monday = addDaysIso(decided, (8 - weekdayOf(decided)) % 7);
    const start = addDaysIso(monday, 7 * (i % 3));
    if (start >= today) continue;
    const onCard = isMaple && t.schoolId === DEMO_SCHOOLS.mapleElementary.id && choice.measure === "cico" && cardPlans < CICO_CARD_PLANS;
    if (onCard) cardPlans += 1;
    const sessionsPerWeek = weekly ? (t.area === "BEHAVIOR" ? 5 : 4) : 3;
    const minutes = t.area === "BEHAVIOR" ? 15 : weekly ? 30 : 25;
    const interventionist = staff.interventionists[i % staff.interventionists.length]!;
    const grade = GRADE_INDEX[t.grade] ?? 3;

    // Baseline: three probes the week before the start; the goal is the median, on the last of them.
    const base = spec.baseline(grade, r);
    const baselineScores = [0, 2, 4].map(() => round(clamp(base + (r.next() - 0.5) * spec.noise, spec), spec.decimals));
    const baselineDates = [-7, -5, -3].map((d) => addDaysIso(start, d));
    const baseline = [...baselineScores].sort((a, b) => a - b)[1]!;
    const targetDate = addDaysIso(start, 7 * 24);
    const target = round(clamp(baseline + spec.roi * 24, spec), spec.decimals);
    const phaseWeek = 6;
    const phaseStart = addDaysIso(start, 7 * phaseWeek);
    const hasPhase = (trajectory === "phase-worked" || trajectory === "phase-failed") && phaseStart < today;

    await makePlan(tx, {
      id,
      districtId,
      schoolId: t.schoolId,
      studentIds: [t.studentId],
      interventionistMembershipIds: [interventionist.membershipId],
      createdByUserId: staff.author.userId,
      area: t.area,
      interventionId: intervention.id,
      minutesPerSession: minutes,
      sessionsPerWeek,
      groupSize: 1,
      scheduleDays: SCHEDULES[sessionsPerWeek]!,
      scheduleTime: ["08:45", "10:15", "13:30", "14:15"][i % 4]!,
      startDate: at(start, "00:00"),
      reviewDate: at(addDaysIso(start, 7 * (8 + (i % 4) * 2)), "00:00"),
      status: "ACTIVE",
      submittedAt: at(addDaysIso(start, -4), "14:30"),
      approvedByUserId: staff.approver.userId,
      approvedAt: at(addDaysIso(start, -3), "18:00"),
      createdAt: at(addDaysIso(start, -4), "14:00"),
    });
    await tx.planEvent.createMany({
      data: [
        { districtId, planId: id, kind: "SUBMITTED", actorUserId: staff.author.userId, createdAt: at(addDaysIso(start, -4), "14:30") },
        { districtId, planId: id, kind: "APPROVED", actorUserId: staff.approver.userId, createdAt: at(addDaysIso(start, -3), "18:00") },
      ],
    });
    if (hasPhase) {
      const change =
        trajectory === "phase-worked"
          ? `Four points below the aimline: ${sessionsPerWeek + 1} sessions a week (was ${sessionsPerWeek}) and a pre-teaching step.`
          : `Flat progress: ${minutes + 10} minutes a session (was ${minutes}).`;
      await tx.planPhase.create({
        data: {
          districtId,
          planId: id,
          number: 2,
          startDate: at(phaseStart, "00:00"),
          interventionId: intervention.id,
          minutesPerSession: trajectory === "phase-worked" ? minutes : minutes + 10,
          sessionsPerWeek: trajectory === "phase-worked" ? sessionsPerWeek + 1 : sessionsPerWeek,
          groupSize: 1,
          interventionistNames: [interventionist.name],
          change,
          createdByUserId: staff.author.userId,
          createdAt: at(phaseStart, "13:00"),
        },
      });
      await tx.planEvent.create({ data: { districtId, planId: id, kind: "CHANGED", comment: change, actorUserId: staff.author.userId, createdAt: at(phaseStart, "13:00") } });
      await tx.interventionPlan.update({
        where: { id },
        data: trajectory === "phase-worked" ? { sessionsPerWeek: sessionsPerWeek + 1, scheduleDays: SCHEDULES[sessionsPerWeek + 1]!, version: { increment: 1 } } : { minutesPerSession: minutes + 10, version: { increment: 1 } },
      });
    }
    const goal = await makeGoal(tx, {
      districtId,
      planId: id,
      studentId: t.studentId,
      measureId,
      baselineValue: baseline,
      baselineDate: at(baselineDates[2]!, "00:00"),
      baselineScores,
      baselineDates: baselineDates.map((d) => at(d, "00:00")),
      targetValue: target,
      targetDate: at(targetDate, "00:00"),
      createdByUserId: staff.author.userId,
      createdAt: at(addDaysIso(start, -4), "14:10"),
    });

    // Probes: on the plan's probe day, weekly or every other week, from the first week of the plan.
    const slopeOf = (week: number): number => {
      const aim = spec.roi;
      switch (trajectory) {
        case "responder":
          return aim * 1.25;
        case "slow":
          return aim * 0.5;
        case "flat":
          return aim * 0.05;
        case "met":
          return aim * 2.4;
        case "phase-worked":
          return week < phaseWeek ? aim * 0.1 : aim * 2.2;
        case "phase-failed":
          return aim * 0.1;
      }
    };
    // One student misses probes for the last three weeks (overdue in the needs-review lists); one misses a single week.
    const stopsEarly = i % 17 === 5;
    const missesWeek = i % 13 === 3 ? 4 : -1;
    let value = baseline;
    for (let week = 1; !onCard; week++) {
      const date = addDaysIso(start, 7 * week - 7 + 3); // the Thursday of the week
      if (date > yesterday) break;
      value += slopeOf(week - 1);
      if (!weekly && week % 2 === 1) continue;
      if (week === missesWeek) continue;
      if (stopsEarly && date > addDaysIso(today, -22)) break;
      const score = round(clamp(value + (r.next() - 0.5) * 2 * spec.noise, spec), spec.decimals);
      probeSerial += 1;
      probes.push({
        id: `9b1${d}0000-0000-4000-8000-${hex12(probeSerial)}`,
        districtId,
        studentId: t.studentId,
        measureId,
        goalId: goal.id,
        date: at(date, "00:00"),
        score,
        givenByUserId: interventionist.userId,
        createdAt: at(date, "19:30"),
      });
      // One probe, given on a passage the student had read before, is marked invalid the next morning.
      if (i % 11 === 2 && week === 3) {
        probeSerial += 1;
        probes.push({
          id: `9b1${d}0000-0000-4000-8000-${hex12(probeSerial)}`,
          districtId,
          studentId: t.studentId,
          measureId,
          goalId: goal.id,
          date: at(date, "00:00"),
          score: round(clamp(score + 6 * Math.sign(spec.roi) * Math.max(1, spec.noise), spec), spec.decimals),
          givenByUserId: interventionist.userId,
          invalidatedAt: at(addDaysIso(date, 1), "08:10"),
          invalidReason: "Given a passage the student had practised",
          createdAt: at(date, "19:35"),
        });
      }
    }

    // Sessions from the start to yesterday on the schedule's days; a few plans lose many to cancellations (below the dosage threshold) or leave components out (below fidelity).
    const cancelRate = i % 9 === 4 ? 0.35 : 0.03;
    const fidelity = choice.name === BELOW_FIDELITY ? 0.5 : i % 11 === 6 ? 0.55 : 0.95;
    const absentRate = 0.04 + (i % 5) * 0.015;
    const components = intervention.components.map((c) => c.id);
    for (let date = start; date <= yesterday; date = addDaysIso(date, 1)) {
      const days = hasPhase && trajectory === "phase-worked" && date >= phaseStart ? SCHEDULES[sessionsPerWeek + 1]! : SCHEDULES[sessionsPerWeek]!;
      if (!days.includes(weekdayOf(date))) continue;
      const sessionId = `5e5${6 + d}${(serial % 0x10000).toString(16).padStart(4, "0")}-0000-4000-8000-${date.replaceAll("-", "").padStart(12, "0")}`;
      const u = r.next();
      let status: Prisma.InterventionSessionCreateManyInput["status"] = "HELD";
      if (closed.has(date)) status = "SCHOOL_CLOSED";
      else if (u < cancelRate) status = "CANCELLED";
      else if (u < cancelRate + 0.02) status = "INTERVENTIONIST_ABSENT";
      else if (u > 1 - absentRate) status = "STUDENT_ABSENT";
      const length = hasPhase && trajectory === "phase-failed" && date >= phaseStart ? minutes + 10 : minutes;
      const held = status === "HELD";
      sessions.push({
        id: sessionId,
        districtId,
        planId: id,
        date: at(date, "00:00"),
        startTime: null,
        minutes: held ? length - (r.chance(0.08) ? 5 : 0) : null,
        status,
        note: held && r.chance(0.06) ? r.pick(NOTES) : status === "CANCELLED" ? "Cancelled: assembly." : null,
        clientKey: `seed-year-${sessionId}`,
        loggedByUserId: interventionist.userId,
        createdAt: at(date, "20:00"),
      });
      if (status === "HELD" || status === "STUDENT_ABSENT") {
        attendance.push({ districtId, sessionId, planId: id, studentId: t.studentId, date: at(date, "00:00"), status: held ? "PRESENT" : "ABSENT", minutes: null });
      }
      if (!held) continue;
      const ticked = components.filter(() => r.chance(fidelity));
      delivered.push(...ticked.map((componentId) => ({ districtId, sessionId, componentId })));
      sessions.at(-1)!.componentsDelivered = ticked.length;
    }
  }

  const lastYear = await seedLastYear(tx, districtId, todo, staffBySchool, library, measures, year, (n) => planId(0x8000 + n), d);
  await tx.probe.createMany({ data: [...probes, ...lastYear.probes] });
  await tx.interventionSession.createMany({ data: sessions });
  await tx.sessionAttendance.createMany({ data: attendance });
  await tx.sessionComponent.createMany({ data: delivered });
  return { plans: serial + lastYear.plans, probes: probes.length + lastYear.probes.length, sessions: sessions.length };
}

/**
 * Last school year's plans of some of this year's students: completed (goal
 * met) or discontinued (moved to a more intensive plan, or the family's
 * choice), each with its goal and probes every two weeks. Their sessions
 * were not kept in this demo (the record starts this year).
 */
async function seedLastYear(
  tx: Tx,
  districtId: string,
  students: readonly { studentId: string; schoolId: string; area: Area; grade: string }[],
  staffBySchool: Map<string, Staff>,
  library: Map<string, { id: string }>,
  measures: Map<string, string>,
  year: string,
  planId: (n: number) => string,
  d: number,
) {
  const probes: Prisma.ProbeCreateManyInput[] = [];
  const stories = [
    { status: "COMPLETED" as const, reason: "Goal met at the spring review; back to core instruction with monthly checks.", slope: 2 },
    { status: "DISCONTINUED" as const, reason: "Moved to a more intensive plan after two changes did not help.", slope: 0.2 },
    { status: "COMPLETED" as const, reason: "Goal met; the student kept the gains through May.", slope: 1.8 },
    { status: "DISCONTINUED" as const, reason: "The family arranged outside tutoring; revisit at the fall screening.", slope: 0.6 },
  ];
  const chosen = students.filter((s, i) => i % 5 === 1 && s.area !== "BEHAVIOR").slice(0, stories.length * 2);
  const prevStart = addDaysIso(year, -364);
  let n = 0;
  for (const [i, s] of chosen.entries()) {
    const staff = staffBySchool.get(s.schoolId);
    const story = stories[i % stories.length]!;
    const option = INTERVENTIONS[s.area][(i + 1) % INTERVENTIONS[s.area].length]!;
    const intervention = library.get(option.name);
    const spec = MEASURES[option.measure]!;
    const measureId = measures.get(spec.key);
    if (!staff || !intervention || !measureId) continue;
    n += 1;
    const r = rng(90_000 + i);
    const id = planId(n);
    const start = addDaysIso(prevStart, 7 * (6 + (i % 4)));
    const end = addDaysIso(start, 7 * (story.status === "COMPLETED" ? 16 : 10));
    const interventionist = staff.interventionists[0]!;
    await makePlan(tx, {
      id,
      districtId,
      schoolId: s.schoolId,
      studentIds: [s.studentId],
      interventionistMembershipIds: [interventionist.membershipId],
      createdByUserId: staff.author.userId,
      area: s.area,
      interventionId: intervention.id,
      minutesPerSession: 25,
      sessionsPerWeek: 3,
      groupSize: 1,
      scheduleDays: [1, 3, 5],
      startDate: at(start, "00:00"),
      reviewDate: at(addDaysIso(start, 7 * 10), "00:00"),
      status: story.status,
      submittedAt: at(addDaysIso(start, -4), "14:30"),
      approvedByUserId: staff.approver.userId,
      approvedAt: at(addDaysIso(start, -3), "18:00"),
      endDate: at(end, "00:00"),
      statusReason: story.reason,
      createdAt: at(addDaysIso(start, -4), "14:00"),
    });
    await tx.planEvent.createMany({
      data: [
        { districtId, planId: id, kind: "SUBMITTED", actorUserId: staff.author.userId, createdAt: at(addDaysIso(start, -4), "14:30") },
        { districtId, planId: id, kind: "APPROVED", actorUserId: staff.approver.userId, createdAt: at(addDaysIso(start, -3), "18:00") },
        { districtId, planId: id, kind: story.status, comment: story.reason, actorUserId: staff.author.userId, createdAt: at(end, "16:00") },
      ],
    });
    const grade = Math.max(0, (GRADE_INDEX[s.grade] ?? 3) - 1);
    const baseline = round(clamp(spec.baseline(grade, r), spec), spec.decimals);
    const goal = await makeGoal(tx, {
      districtId,
      planId: id,
      studentId: s.studentId,
      measureId,
      baselineValue: baseline,
      baselineDate: at(addDaysIso(start, -3), "00:00"),
      targetValue: round(clamp(baseline + spec.roi * 16, spec), spec.decimals),
      targetDate: at(addDaysIso(start, 7 * 16), "00:00"),
      createdByUserId: staff.author.userId,
      createdAt: at(addDaysIso(start, -4), "14:10"),
    });
    for (let week = 2; addDaysIso(start, 7 * week) <= end; week += 2) {
      const date = addDaysIso(start, 7 * week - 4);
      probes.push({
        id: `9b1${d}8000-0000-4000-8000-${hex12(n * 100 + week)}`,
        districtId,
        studentId: s.studentId,
        measureId,
        goalId: goal.id,
        date: at(date, "00:00"),
        score: round(clamp(baseline + spec.roi * story.slope * week + (r.next() - 0.5) * spec.noise, spec), spec.decimals),
        givenByUserId: interventionist.userId,
        createdAt: at(date, "19:30"),
      });
    }
  }
  return { plans: n, probes };
}

/** Who writes, approves and delivers the year's plans at each school: its specialist(s) and assistant(s); the coordinator approves. */
async function staffOf(tx: Tx, districtId: string): Promise<Map<string, Staff>> {
  const rows = await tx.$queryRaw<{ membershipId: string; userId: string; name: string; role: string; schoolId: string | null; email: string }[]>`
    SELECT m."id"::text AS "membershipId", m."userId"::text AS "userId", u."name", m."role"::text AS "role", ms."schoolId"::text AS "schoolId", u."email"
    FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
    LEFT JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
    WHERE m."districtId" = ${districtId}::uuid AND m."deactivatedAt" IS NULL
    ORDER BY u."email"`;
  const schools = await tx.school.findMany({ where: { districtId }, select: { id: true } });
  const out = new Map<string, Staff>();
  for (const { id: schoolId } of schools) {
    const at = (role: string) => rows.filter((r) => r.role === role && r.schoolId === schoolId);
    const specialists = at("SPECIALIST");
    const assistants = at("ASSISTANT");
    const coordinator = at("COORDINATOR")[0] ?? rows.find((r) => r.role === "COORDINATOR" && r.schoolId === null) ?? rows.find((r) => r.role === "ADMIN");
    const author = specialists[0] ?? coordinator;
    if (!author || !coordinator) continue;
    const interventionists = [...specialists, ...assistants, ...assistants];
    out.set(schoolId, { author, approver: coordinator, interventionists: interventionists.length ? interventionists : [author] });
  }
  return out;
}

/**
 * Riverbend's fall screening, when it has none: a few students in Tier 2 and
 * Tier 3 (reading, math and behaviour), decided by its coordinator, so the
 * smaller district has plans too.
 */
async function seedRiverbendTiers(tx: Tx, districtId: string, today: string) {
  if ((await tx.studentTier.count({ where: { districtId } })) > 0) return;
  const decider = await tx.membership.findFirst({ where: { districtId, role: "COORDINATOR" }, select: { userId: true } });
  if (!decider) return;
  const students = await tx.student.findMany({ where: { districtId, archivedAt: null }, orderBy: { localId: "asc" }, select: { id: true } });
  const screening = demoIso("2026-09-15");
  if (screening > today) return;
  const plan: [Area, "TIER_2" | "TIER_3"][] = [
    ["READING", "TIER_3"],
    ["READING", "TIER_2"],
    ["MATH", "TIER_2"],
    ["READING", "TIER_2"],
    ["BEHAVIOR", "TIER_2"],
    ["MATH", "TIER_3"],
  ];
  await tx.studentTier.createMany({
    data: plan.flatMap(([area, tier], i) => {
      const s = students[i * 6];
      return s
        ? [{ districtId, studentId: s.id, area, tier, effectiveDate: at(screening, "00:00"), reason: tier === "TIER_3" ? "Fall screening: well below benchmark" : "Fall screening: below benchmark", decidedByUserId: decider.userId, createdAt: at(screening, "20:00") }]
        : [];
    }),
  });
}
