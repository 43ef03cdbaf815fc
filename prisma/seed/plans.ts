// A handful of intervention plans at Maple Valley Elementary, each at a
// different point of its life: Maya's active Tier 3 reading plan (with a
// second phase and an ORF goal from three baseline probes), two Tier 2 groups
// delivered by the assistant, a draft awaiting the coordinator, a plan past
// its review date, a completed one and a discontinued one. Plans have fixed
// ids; a database that has them is left as it is.
import { makeGoal, makePlan } from "../../tests/factories";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { DEMO_PLANLESS_STUDENT, DEMO_SCHOOLS, DEMO_STUDENTS } from "./demo-data";
import { demoDate } from "./calendar";

const SAM = "specialist@maplevalley.example";
const JORDAN = "assistant@maplevalley.example";
const CASEY = "coordinator@maplevalley.example";

// Fixed dates of the 2026-27 story, moved into the school year the seed runs in (calendar.ts).
const day = (iso: string) => demoDate(iso);
const at = (iso: string, time = "15:00") => demoDate(iso, time);

interface DemoGoal {
  measure: string;
  /** The baseline probes (date, score): the baseline is their median, on the last date. */
  probes: [string, number][];
  target: number;
  targetDate: string;
}

interface DemoPlan {
  id: string;
  students: string[];
  area: "READING" | "MATH";
  /** The name of a library intervention of the plan's area. */
  intervention: string;
  author: string;
  interventionists: string[];
  minutesPerSession: number;
  /** Phase 1's; the plan's current one is the last phase's. */
  sessionsPerWeek: number;
  scheduleDays: number[];
  scheduleTime: string | null;
  startDate: string;
  reviewDate: string;
  notes: string | null;
  status: "DRAFT" | "ACTIVE" | "COMPLETED" | "DISCONTINUED";
  submittedAt?: string;
  approvedAt?: string;
  end?: { date: string; reason: string };
  /** Later phases: what changed from the one before, from when, and why. */
  phases?: { startDate: string; sessionsPerWeek: number; change: string }[];
  /** One goal per student, in the order of `students`. */
  goals: DemoGoal[];
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Students of the elementary school in the grade with a Tier 2 decision in the area, by local id. */
async function tier2Students(tx: Tx, districtId: string, area: "READING" | "MATH", grade: "G4") {
  const rows = await tx.student.findMany({
    where: { districtId, schoolId: DEMO_SCHOOLS.mapleElementary.id, grade, tiers: { some: { area, tier: "TIER_2" } } },
    orderBy: { localId: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Sam Patel's caseload students with a decision of this tier in the area, by local id. */
async function samsStudents(tx: Tx, districtId: string, area: "READING" | "MATH", tier: "TIER_2" | "TIER_3") {
  const rows = await tx.student.findMany({
    where: {
      districtId,
      id: { not: DEMO_STUDENTS.maya.id },
      localId: { not: DEMO_PLANLESS_STUDENT.localId },
      tiers: { some: { area, tier } },
      caseload: { some: { endedAt: null, membership: { user: { email: SAM } } } },
    },
    orderBy: { localId: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

function pick(ids: string[], n: number, what: string): string[] {
  if (ids.length < n) throw new Error(`The demo plans need ${n} ${what}; the seed has ${ids.length}.`);
  return ids.slice(0, n);
}

async function demoPlans(tx: Tx, districtId: string): Promise<DemoPlan[]> {
  const readingGroup = pick(await tier2Students(tx, districtId, "READING", "G4"), 3, "grade 4 students in Tier 2 reading");
  const mathGroup = pick(await tier2Students(tx, districtId, "MATH", "G4"), 3, "grade 4 students in Tier 2 math");
  const [hana, jada] = pick(await samsStudents(tx, districtId, "READING", "TIER_2"), 2, "caseload students in Tier 2 reading");
  const [benjamin] = pick(await samsStudents(tx, districtId, "READING", "TIER_3"), 1, "caseload students in Tier 3 reading");
  const [zoe] = pick(await samsStudents(tx, districtId, "MATH", "TIER_2"), 1, "caseload students in Tier 2 math");
  const orf = (probes: [string, number][], target: number, targetDate = "2027-03-12"): DemoGoal => ({ measure: "orf_wcpm", probes, target, targetDate });
  return [
    {
      id: "9a000000-0000-4000-8000-000000000001",
      students: [DEMO_STUDENTS.maya.id],
      area: "READING",
      intervention: "Repeated reading with corrective feedback",
      author: SAM,
      interventionists: [JORDAN],
      minutesPerSession: 30,
      sessionsPerWeek: 4,
      scheduleDays: [1, 2, 3, 4, 5],
      scheduleTime: "09:15",
      startDate: "2026-09-21",
      reviewDate: "2027-01-15",
      notes: "Reads best in the morning, before recess. Passages at her instructional level, then one step up once she reaches 60 WCPM.",
      status: "ACTIVE",
      submittedAt: "2026-09-17",
      approvedAt: "2026-09-18",
      phases: [{ startDate: "2026-10-26", sessionsPerWeek: 5, change: "Four points below the aimline: a fifth session a week (was 4)." }],
      goals: [orf([["2026-09-14", 38], ["2026-09-16", 45], ["2026-09-18", 41]], 72)],
    },
    {
      id: "9a000000-0000-4000-8000-000000000002",
      students: readingGroup,
      area: "READING",
      intervention: "Read Naturally",
      author: CASEY,
      interventionists: [JORDAN],
      minutesPerSession: 30,
      sessionsPerWeek: 3,
      scheduleDays: [1, 3, 5],
      scheduleTime: "10:30",
      startDate: "2026-09-28",
      reviewDate: "2027-01-08",
      notes: "Grade 4 fluency group in the library's small room.",
      status: "ACTIVE",
      submittedAt: "2026-09-24",
      approvedAt: "2026-09-24",
      goals: [orf([["2026-09-23", 78]], 110, "2027-01-29"), orf([["2026-09-23", 84]], 112, "2027-01-29"), orf([["2026-09-23", 71]], 104, "2027-01-29")],
    },
    {
      id: "9a000000-0000-4000-8000-000000000003",
      students: mathGroup,
      area: "MATH",
      intervention: "Pirate Math",
      author: CASEY,
      interventionists: [JORDAN],
      minutesPerSession: 30,
      sessionsPerWeek: 3,
      scheduleDays: [2, 4, 5],
      scheduleTime: "13:00",
      startDate: "2026-09-28",
      reviewDate: "2027-01-08",
      notes: null,
      status: "ACTIVE",
      submittedAt: "2026-09-24",
      approvedAt: "2026-09-24",
      goals: [12, 15, 10].map((baseline) => ({ measure: "math_computation_dcpm", probes: [["2026-09-23", baseline]], target: baseline + 18, targetDate: "2027-01-29" })),
    },
    {
      id: "9a000000-0000-4000-8000-000000000004",
      students: [benjamin!],
      area: "READING",
      intervention: "Corrective Reading: Decoding",
      author: SAM,
      interventionists: [SAM],
      minutesPerSession: 45,
      sessionsPerWeek: 5,
      scheduleDays: [1, 2, 3, 4, 5],
      scheduleTime: "08:30",
      startDate: "2026-12-07",
      reviewDate: "2027-02-26",
      notes: "Moving from Tier 2 fluency work to intensive decoding after the November review.",
      status: "DRAFT",
      submittedAt: "2026-11-30",
      goals: [orf([["2026-11-23", 20], ["2026-11-25", 24], ["2026-11-30", 22]], 55, "2027-04-30")],
    },
    {
      id: "9a000000-0000-4000-8000-000000000005",
      students: [jada!],
      area: "READING",
      intervention: "Sound Partners",
      author: SAM,
      interventionists: [SAM],
      minutesPerSession: 30,
      sessionsPerWeek: 4,
      scheduleDays: [1, 2, 3, 4],
      scheduleTime: "11:00",
      startDate: "2026-09-21",
      reviewDate: "2026-11-20",
      notes: null,
      status: "ACTIVE",
      submittedAt: "2026-09-16",
      approvedAt: "2026-09-17",
      goals: [{ measure: "letter_sound_fluency", probes: [["2026-09-15", 18]], target: 40, targetDate: "2027-01-29" }],
    },
    {
      id: "9a000000-0000-4000-8000-000000000006",
      students: [hana!],
      area: "READING",
      intervention: "Great Leaps Reading",
      author: SAM,
      interventionists: [SAM],
      minutesPerSession: 15,
      sessionsPerWeek: 4,
      scheduleDays: [1, 2, 3, 4],
      scheduleTime: "14:00",
      startDate: "2026-09-21",
      reviewDate: "2026-11-13",
      notes: null,
      status: "COMPLETED",
      submittedAt: "2026-09-16",
      approvedAt: "2026-09-17",
      end: { date: "2026-11-13", reason: "Goal met at the November review; back to core instruction with monthly probes." },
      goals: [{ measure: "letter_sound_fluency", probes: [["2026-09-15", 8]], target: 25, targetDate: "2026-11-13" }],
    },
    {
      id: "9a000000-0000-4000-8000-000000000007",
      students: [zoe!],
      area: "MATH",
      intervention: "Number Rockets",
      author: SAM,
      interventionists: [JORDAN],
      minutesPerSession: 40,
      sessionsPerWeek: 3,
      scheduleDays: [1, 3, 5],
      scheduleTime: "12:30",
      startDate: "2026-09-28",
      reviewDate: "2026-12-18",
      notes: null,
      status: "DISCONTINUED",
      submittedAt: "2026-09-23",
      approvedAt: "2026-09-24",
      end: { date: "2026-10-30", reason: "The family arranged outside tutoring four days a week; revisit at the winter screening." },
      goals: [{ measure: "math_computation_dcpm", probes: [["2026-09-22", 9]], target: 25, targetDate: "2026-12-18" }],
    },
  ];
}

/** Adds the demo plans of Maple Valley unless they are there (after seedLibrary: they use its measures and interventions); returns how many it added. */
export async function seedPlans(tx: Tx, districtId: string): Promise<number> {
  const plans = await demoPlans(tx, districtId);
  const have = new Set((await tx.interventionPlan.findMany({ where: { districtId, id: { in: plans.map((p) => p.id) } }, select: { id: true } })).map((p) => p.id));
  const missing = plans.filter((p) => !have.has(p.id));
  if (missing.length === 0) return 0;

  const measures = new Map((await tx.measure.findMany({ where: { districtId }, select: { id: true, key: true } })).map((m) => [m.key, m.id]));
  const library = new Map((await tx.intervention.findMany({ where: { districtId, retiredAt: null }, select: { id: true, name: true, area: true } })).map((i) => [`${i.area}/${i.name}`, i.id]));
  const staff = await tx.membership.findMany({ where: { districtId }, select: { id: true, userId: true, user: { select: { email: true, name: true } } } });
  const member = (email: string) => {
    const m = staff.find((s) => s.user.email === email);
    if (!m) throw new Error(`The demo plans name ${email}, who has no membership in Maple Valley.`);
    return m;
  };

  for (const p of missing) {
    const author = member(p.author).userId;
    const approver = p.approvedAt ? member(CASEY).userId : null;
    const interventionId = library.get(`${p.area}/${p.intervention}`);
    if (!interventionId) throw new Error(`The demo plans need "${p.intervention}" in the library.`);
    const plan = await makePlan(tx, {
      id: p.id,
      districtId,
      schoolId: DEMO_SCHOOLS.mapleElementary.id,
      studentIds: p.students,
      interventionistMembershipIds: p.interventionists.map((e) => member(e).id),
      createdByUserId: author,
      area: p.area,
      interventionId,
      minutesPerSession: p.minutesPerSession,
      sessionsPerWeek: p.sessionsPerWeek,
      groupSize: p.students.length,
      scheduleDays: p.scheduleDays,
      scheduleTime: p.scheduleTime,
      startDate: day(p.startDate),
      reviewDate: day(p.reviewDate),
      notes: p.notes,
      status: p.status,
      submittedAt: p.submittedAt ? at(p.submittedAt) : null,
      approvedByUserId: approver,
      approvedAt: p.approvedAt ? at(p.approvedAt, "18:00") : null,
      endDate: p.end ? day(p.end.date) : null,
      statusReason: p.end?.reason ?? null,
      createdAt: at(p.submittedAt ?? p.startDate, "14:00"),
    });
    const events: Prisma.PlanEventCreateManyInput[] = [];
    const event = (kind: Prisma.PlanEventCreateManyInput["kind"], when: Date, actorUserId: string, comment: string | null = null) =>
      events.push({ districtId, planId: plan.id, kind, comment, actorUserId, createdAt: when });
    if (p.submittedAt) event("SUBMITTED", at(p.submittedAt, "14:30"), author);
    if (p.approvedAt && approver) event("APPROVED", at(p.approvedAt, "18:00"), approver);
    let number = 1;
    for (const phase of p.phases ?? []) {
      number += 1;
      await tx.planPhase.create({
        data: {
          districtId,
          planId: plan.id,
          number,
          startDate: day(phase.startDate),
          interventionId,
          minutesPerSession: p.minutesPerSession,
          sessionsPerWeek: phase.sessionsPerWeek,
          groupSize: plan.groupSize,
          interventionistNames: p.interventionists.map((e) => member(e).user.name),
          change: phase.change,
          createdByUserId: author,
          createdAt: at(phase.startDate, "13:00"),
        },
      });
      event("CHANGED", at(phase.startDate, "13:00"), author, phase.change);
    }
    const current = p.phases?.at(-1);
    if (current) await tx.interventionPlan.update({ where: { id: plan.id }, data: { sessionsPerWeek: current.sessionsPerWeek, version: { increment: 1 } } });
    if (p.end) event(p.status === "COMPLETED" ? "COMPLETED" : "DISCONTINUED", at(p.end.date, "16:00"), author, p.end.reason);
    await tx.planEvent.createMany({ data: events });

    for (const [i, studentId] of p.students.entries()) {
      const g = p.goals[i]!;
      const measureId = measures.get(g.measure);
      if (!measureId) throw new Error(`The demo plans need the measure ${g.measure}.`);
      const scores = g.probes.map(([, score]) => score);
      await makeGoal(tx, {
        districtId,
        planId: plan.id,
        studentId,
        measureId,
        baselineValue: median(scores),
        baselineDate: day(g.probes.at(-1)![0]),
        baselineScores: g.probes.length > 1 ? scores : [],
        baselineDates: g.probes.length > 1 ? g.probes.map(([d]) => day(d)) : [],
        targetValue: g.target,
        targetDate: day(g.targetDate),
        createdByUserId: author,
        createdAt: at(p.submittedAt ?? p.startDate, "14:10"),
      });
    }
  }
  return missing.length;
}
