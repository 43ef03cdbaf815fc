// Two past problem-solving meetings at Maple Elementary (issue 19): the first
// changed a plan (a new phase, drawn on the goal graph) and moved a student to
// Tier 3; the second continued that plan and left action items, one of them
// overdue. A Spanish-speaking mother attended with an interpreter. Written as
// the meeting's decisions leave the record (phase, plan event, tier row,
// decision facts), so the pages read it as if the team had clicked.
import { addDays } from "@/domain/dosage";
import { formatValue } from "@/domain/measures";
import { targetAmount, type DecisionFacts, type PlanFacts } from "@/domain/meetings";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { measureOf } from "@/server/measures/queries";
import { todayIso } from "@/server/students/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";
import { DEMO_SCHOOLS, DEMO_STUDENTS } from "./demo-data";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const RESERVED = Object.values(DEMO_STUDENTS).map((s) => s.id);

export async function seedMeetings(tx: Tx, districtId: string): Promise<number> {
  if ((await tx.meeting.count({ where: { districtId } })) > 0) return 0;
  const schoolId = DEMO_SCHOOLS.mapleElementary.id;
  const member = (email: string) => tx.membership.findFirst({ where: { districtId, user: { email } }, select: { id: true, userId: true, user: { select: { name: true } } } });
  const [casey, sam, jordan] = await Promise.all([member("coordinator@maplevalley.example"), member("specialist@maplevalley.example"), member("assistant@maplevalley.example")]);
  if (!casey || !sam || !jordan) return 0;
  const today = todayIso();
  const first = addDays(today, -28);
  const second = addDays(today, -7);
  // Two active single-student plans whose current phase began before the first meeting; not the students other demos tell about.
  const plans = await tx.interventionPlan.findMany({
    where: { districtId, schoolId, status: "ACTIVE", startDate: { lt: day(addDays(first, -14)) }, students: { every: { studentId: { notIn: RESERVED } } }, phases: { every: { startDate: { lt: day(first) } } } },
    orderBy: { startDate: "asc" },
    take: 2,
    select: {
      id: true, area: true, version: true, sessionsPerWeek: true, minutesPerSession: true, groupSize: true, interventionId: true, customIntervention: true, reviewDate: true,
      intervention: { select: { name: true } },
      interventionists: { select: { membership: { select: { user: { select: { name: true } } } } } },
      phases: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
      students: { take: 1, select: { student: { select: { id: true, preferredName: true, legalFirstName: true, guardians: { orderBy: { position: "asc" }, take: 1, select: { id: true, name: true } } } } } },
    },
  });
  if (plans.length < 2) return 0;
  const [a, b] = plans as [(typeof plans)[number], (typeof plans)[number]];
  const studentA = a.students[0]!.student;
  const studentB = b.students[0]!.student;
  const firstName = (s: { preferredName: string | null; legalFirstName: string }) => s.preferredName ?? s.legalFirstName;
  const facts = (p: typeof a, over: Partial<PlanFacts> = {}): PlanFacts => ({
    title: p.intervention?.name ?? p.customIntervention ?? "Intervention",
    sessionsPerWeek: p.sessionsPerWeek,
    minutesPerSession: p.minutesPerSession,
    interventionists: p.interventionists.map((i) => i.membership.user.name).sort(),
    reviewDate: iso(p.reviewDate),
    ...over,
  });

  // The family of the first student reads Spanish.
  const guardian = studentA.guardians[0];
  if (guardian) await tx.guardian.update({ where: { id: guardian.id }, data: { preferredLanguage: "Spanish" } });

  let written = 0;
  const meeting = async (date: string, next: string | null) => {
    const m = await tx.meeting.create({ data: { districtId, schoolId, kind: "PROBLEM_SOLVING", date: day(date), nextMeetingDate: next ? day(next) : null, createdByUserId: casey.userId, createdAt: day(addDays(date, -5)) } });
    await tx.meetingAttendee.createMany({
      data: [
        { districtId, meetingId: m.id, kind: "STAFF", membershipId: casey.id, name: casey.user.name, role: "MTSS coordinator", present: true },
        { districtId, meetingId: m.id, kind: "STAFF", membershipId: sam.id, name: sam.user.name, role: "Reading specialist", present: true },
        { districtId, meetingId: m.id, kind: "STAFF", membershipId: jordan.id, name: jordan.user.name, role: "Interventionist", present: date === second },
        ...(guardian ? [{ districtId, meetingId: m.id, kind: "GUARDIAN" as const, name: guardian.name, role: "Mother (Spanish; district interpreter present)", present: true }] : []),
      ],
    });
    await tx.meetingStudent.createMany({
      data: [
        { districtId, meetingId: m.id, studentId: studentA.id, position: 1, source: "NEEDS_REVIEW", minutes: date === first ? "Four points below the aimline; attendance good. Team adds a session a week." : "Three of the last four points above the aimline since the change." },
        { districtId, meetingId: m.id, studentId: studentB.id, position: 2, source: "DUE_FOR_REVIEW", minutes: "Flat trend over eight weeks at Tier 2 with good fidelity." },
      ],
    });
    written += 3;
    return m.id;
  };
  const decision = (meetingId: string, studentId: string, planId: string | null, f: DecisionFacts, date: string) =>
    tx.meetingDecision.create({ data: { districtId, meetingId, studentId, kind: f.kind, planId, clientKey: crypto.randomUUID(), facts: f as unknown as Prisma.InputJsonObject, createdByUserId: casey.userId, createdAt: day(date) } });

  // Meeting 1: plan A gets a session more a week (a new phase), student B moves to Tier 3.
  const m1 = await meeting(first, second);
  const more = Math.min(a.sessionsPerWeek + 1, 5);
  const reason = "Problem-solving meeting: not closing the gap, add a session a week.";
  const nextReview = addDays(today, 35);
  await tx.planPhase.create({
    data: {
      districtId, planId: a.id, number: (a.phases[0]?.number ?? 1) + 1, startDate: day(first), interventionId: a.interventionId, customIntervention: a.customIntervention,
      minutesPerSession: a.minutesPerSession, sessionsPerWeek: more, groupSize: a.groupSize, interventionistNames: facts(a).interventionists, change: reason, createdByUserId: casey.userId,
    },
  });
  await tx.planEvent.create({ data: { districtId, planId: a.id, kind: "CHANGED", comment: reason, actorUserId: casey.userId, createdAt: day(first) } });
  await tx.interventionPlan.update({ where: { id: a.id }, data: { sessionsPerWeek: more, reviewDate: day(nextReview), version: { increment: 1 } } });
  await decision(m1, studentA.id, a.id, { kind: "CHANGE_PLAN", student: firstName(studentA), before: facts(a), plan: facts(a, { sessionsPerWeek: more, reviewDate: nextReview }), phase: (a.phases[0]?.number ?? 1) + 1, from: first }, first);
  await tx.studentTier.create({ data: { districtId, studentId: studentB.id, area: b.area, tier: "TIER_3", effectiveDate: day(first), reason: "Problem-solving meeting: flat trend at Tier 2.", decidedByUserId: casey.userId } });
  await decision(m1, studentB.id, null, { kind: "CHANGE_TIER", student: firstName(studentB), area: b.area === "MATH" ? "Math" : b.area === "READING" ? "Reading" : b.area.toLowerCase(), tier: "Tier 3", before: "Tier 2" }, first);
  await tx.meetingActionItem.createMany({
    data: [
      { districtId, meetingId: m1, studentId: studentA.id, ownerMembershipId: sam.id, description: "Send the family the reading log in Spanish", dueDate: day(addDays(first, 7)), status: "DONE", createdByUserId: casey.userId },
      { districtId, meetingId: m1, studentId: studentB.id, ownerMembershipId: casey.id, description: "Find a Tier 3 slot in the schedule", dueDate: day(addDays(first, 14)), createdByUserId: casey.userId },
    ],
  });

  // Meeting 2: plan A continues and its goal rises (points above the aimline since the change); student B starts a Tier 3 plan; new action items, one due next week.
  const m2 = await meeting(second, addDays(today, 21));
  await decision(m2, studentA.id, a.id, { kind: "CONTINUE", student: firstName(studentA), plan: facts(a, { sessionsPerWeek: more, reviewDate: nextReview }) }, second);
  written += await raiseGoal(m2, studentA, a, second);
  written += await startTier3Plan(m2, studentB, b, second);
  await tx.meetingActionItem.createMany({
    data: [
      { districtId, meetingId: m2, studentId: studentA.id, ownerMembershipId: jordan.id, description: "Give the weekly probe on Fridays and enter it the same day", dueDate: day(addDays(today, 7)), createdByUserId: casey.userId },
      { districtId, meetingId: m2, studentId: studentA.id, ownerMembershipId: sam.id, description: "Call the family (with the interpreter) to share the progress", dueDate: day(addDays(second, 3)), createdByUserId: casey.userId },
    ],
  });
  return written + 7;

  /** As the "raise or change the goal" decision leaves it: the goal's new target, a dated GoalChange linked to the meeting, the decision. */
  async function raiseGoal(meetingId: string, student: typeof studentA, plan: typeof a, date: string): Promise<number> {
    const goal = await tx.goal.findFirst({ where: { districtId, planId: plan.id, studentId: student.id, archivedAt: null }, include: { measure: true }, orderBy: { createdAt: "asc" } });
    if (!goal) return 0;
    const measure = measureOf(goal.measure);
    const step = Math.max(1, Math.round(Math.abs(goal.targetValue - goal.baselineValue) * 0.15));
    const target = measure.direction === "higher" ? goal.targetValue + step : Math.max(measure.min ?? 0, goal.targetValue - step);
    if (target === goal.targetValue) return 0;
    const reason = "Four points above the aimline since the change: the team raises the goal.";
    await tx.goal.update({ where: { id: goal.id }, data: { targetValue: target, version: { increment: 1 } } });
    await tx.goalChange.create({
      data: { districtId, goalId: goal.id, studentId: student.id, changedOn: day(date), previousTargetValue: goal.targetValue, previousTargetDate: goal.targetDate, targetValue: target, targetDate: goal.targetDate, reason, meetingId, createdByUserId: casey!.userId, createdAt: day(date) },
    });
    const amount = (v: number) => targetAmount(measure.phrase, formatValue(measure, v));
    const targetDate = iso(goal.targetDate);
    await decision(
      meetingId,
      student.id,
      plan.id,
      { kind: "CHANGE_GOAL", student: firstName(student), area: AREA_LABEL[plan.area], target: { amount: amount(target), date: targetDate }, before: { amount: amount(goal.targetValue), date: targetDate }, raised: true },
      date,
    );
    return 2;
  }

  /** As the "start a plan" decision leaves it: a draft plan from the meeting's day (its goal to be written), with phase 1, its event and the decision. */
  async function startTier3Plan(meetingId: string, student: typeof studentB, plan: typeof b, date: string): Promise<number> {
    const intervention = await tx.intervention.findFirst({
      where: { districtId, area: plan.area, retiredAt: null, tiers: { has: "TIER_3" }, ...(plan.interventionId ? { id: { not: plan.interventionId } } : {}) },
      orderBy: { name: "asc" },
      select: { id: true, name: true, minutesPerSession: true, sessionsPerWeek: true },
    });
    if (!intervention) return 0;
    const sessionsPerWeek = Math.min(5, Math.max(4, intervention.sessionsPerWeek ?? 4));
    const minutesPerSession = Math.max(30, intervention.minutesPerSession ?? 30);
    const reviewDate = addDays(date, 56);
    const created = await tx.interventionPlan.create({
      data: { districtId, schoolId, area: plan.area, interventionId: intervention.id, minutesPerSession, sessionsPerWeek, groupSize: 1, scheduleDays: [], startDate: day(date), reviewDate: day(reviewDate), status: "DRAFT", createdByUserId: casey!.userId, createdAt: day(date) },
      select: { id: true },
    });
    await tx.planStudent.create({ data: { districtId, planId: created.id, studentId: student.id } });
    await tx.planInterventionist.create({ data: { districtId, planId: created.id, membershipId: sam!.id } });
    await tx.planPhase.create({
      data: { districtId, planId: created.id, number: 1, startDate: day(date), interventionId: intervention.id, minutesPerSession, sessionsPerWeek, groupSize: 1, interventionistNames: [sam!.user.name], createdByUserId: casey!.userId },
    });
    await tx.planEvent.create({ data: { districtId, planId: created.id, kind: "CREATED", actorUserId: casey!.userId, createdAt: day(date) } });
    await decision(
      meetingId,
      student.id,
      created.id,
      { kind: "START_PLAN", student: firstName(student), plan: { title: intervention.name, sessionsPerWeek, minutesPerSession, interventionists: [sam!.user.name], reviewDate }, from: date },
      date,
    );
    return 2;
  }
}
