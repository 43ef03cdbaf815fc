// The intervention record behind the demo's open referral (issue 16,
// docs/decisions/016-referral-packet.md), so its packet has something to
// assemble: two reading interventions over two school years for the referred
// student. Last school year, Tier 2 "Read Naturally" (three then four
// sessions a week after a flat start), discontinued when a change did not
// help, with probes every two weeks and sessions that often left components
// out (fidelity near 74%: the checklist's one missing item). This year, Tier 3
// "Corrective Reading: Decoding", four then five sessions a week, weekly
// probes well below the aimline, delivered as planned. Tier decisions,
// decisions on each plan and two accommodations from a student support plan.
// Deterministic for a given day (a seeded PRNG); dates relative to the seed
// day's school year; a student who already has a started plan is left alone.
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { makeGoal, makePlan } from "../../tests/factories";
import { addDaysIso, schoolYearStart, seedToday } from "./calendar";
import { rng } from "./people";
import { DEMO_CLOSED_DAYS } from "./sessions";

/** The demo's open referral (prisma/seed/iep504.ts). */
export const DEMO_REFERRAL_ID = "4ef00000-0000-4000-8000-000000000001";

const PLAN_A = "9a300000-0000-4000-8000-000000000001";
const PLAN_B = "9a300000-0000-4000-8000-000000000002";
const hex12 = (n: number) => n.toString(16).padStart(12, "0");
const at = (iso: string, time = "00:00") => new Date(`${iso}T${time}:00Z`);
/** ISO weekday, 1 = Monday. */
const weekdayOf = (iso: string) => ((((Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 3) % 7) + 7) % 7) + 1;
const nextMonday = (iso: string) => addDaysIso(iso, (8 - weekdayOf(iso)) % 7);

interface PlanStory {
  id: string;
  intervention: string;
  start: string;
  /** The last day delivered (the end date of a plan that ended; yesterday for an active one). */
  until: string;
  ended: boolean;
  weeks: { phase2: number };
  minutes: number;
  perWeek: [number, number];
  days: [number[], number[]];
  change: string;
  /** Every `every` weeks a probe on the Thursday. */
  every: number;
  baseline: number;
  goalRoi: number;
  /** Weekly growth before and after the change. */
  growth: [number, number];
  fidelity: number;
  interventionist: { membershipId: string; userId: string; name: string };
}

/** Adds the referred student's record unless they have a started plan; returns how many rows it wrote. */
export async function seedReferralRecord(tx: Tx, districtId: string, today = seedToday()): Promise<number> {
  const referral = await tx.referral.findFirst({ where: { id: DEMO_REFERRAL_ID, districtId }, select: { studentId: true, student: { select: { schoolId: true } } } });
  if (!referral) return 0;
  const studentId = referral.studentId;
  const started = await tx.planStudent.count({ where: { districtId, studentId, plan: { status: { not: "DRAFT" } } } });
  if (started > 0) return 0;

  const member = (email: string) =>
    tx.membership.findFirst({ where: { districtId, user: { email } }, select: { id: true, userId: true, user: { select: { name: true } } } });
  const [sam, jordan, casey] = await Promise.all([member("specialist@maplevalley.example"), member("assistant@maplevalley.example"), member("coordinator@maplevalley.example")]);
  const library = new Map(
    (await tx.intervention.findMany({ where: { districtId, name: { in: ["Read Naturally", "Corrective Reading: Decoding"] } }, select: { id: true, name: true, components: { where: { retiredAt: null }, select: { id: true } } } })).map((i) => [i.name, i]),
  );
  const orf = await tx.measure.findFirst({ where: { districtId, key: "orf_wcpm" }, select: { id: true } });
  if (!sam || !jordan || !casey || !orf || library.size < 2) return 0;

  const year = schoolYearStart(today);
  const yesterday = addDaysIso(today, -1);
  const lastYear = addDaysIso(year, -364);
  const aStart = nextMonday(addDaysIso(lastYear, 21));
  const aEnd = addDaysIso(aStart, 7 * 18 - 3); // a Friday, 18 weeks on
  const bStart = nextMonday(addDaysIso(year, 14));
  if (bStart >= today) return 0;
  const person = (m: NonNullable<typeof sam>) => ({ membershipId: m.id, userId: m.userId, name: m.user.name });

  const stories: PlanStory[] = [
    {
      id: PLAN_A,
      intervention: "Read Naturally",
      start: aStart,
      until: aEnd,
      ended: true,
      weeks: { phase2: 8 },
      minutes: 25,
      perWeek: [3, 4],
      days: [[1, 3, 5], [1, 2, 3, 4]],
      change: "Flat progress after eight weeks: a fourth session a week (was 3).",
      every: 2,
      baseline: 24,
      goalRoi: 1.5,
      growth: [0.3, 0.5],
      fidelity: 0.74,
      interventionist: person(jordan),
    },
    {
      id: PLAN_B,
      intervention: "Corrective Reading: Decoding",
      start: bStart,
      until: yesterday,
      ended: false,
      weeks: { phase2: 6 },
      minutes: 30,
      perWeek: [4, 5],
      days: [[1, 2, 3, 4], [1, 2, 3, 4, 5]],
      change: "Four points below the aimline: a fifth session a week (was 4) and a pre-teaching step.",
      every: 1,
      baseline: 33,
      goalRoi: 1.5,
      growth: [0.35, 0.55],
      fidelity: 0.93,
      interventionist: person(sam),
    },
  ];

  let written = 0;
  const probes: Prisma.ProbeCreateManyInput[] = [];
  const sessions: Prisma.InterventionSessionCreateManyInput[] = [];
  const attendance: Prisma.SessionAttendanceCreateManyInput[] = [];
  const delivered: Prisma.SessionComponentCreateManyInput[] = [];
  const closed = new Set(DEMO_CLOSED_DAYS);

  for (const [n, s] of stories.entries()) {
    const r = rng(16_000 + n);
    const intervention = library.get(s.intervention)!;
    const phase2 = addDaysIso(s.start, 7 * s.weeks.phase2);
    const hasPhase2 = phase2 <= s.until;
    await makePlan(tx, {
      id: s.id,
      districtId,
      schoolId: referral.student.schoolId,
      studentIds: [studentId],
      interventionistMembershipIds: [s.interventionist.membershipId],
      createdByUserId: sam.userId,
      area: "READING",
      interventionId: intervention.id,
      minutesPerSession: s.minutes,
      sessionsPerWeek: s.perWeek[0],
      groupSize: 1,
      scheduleDays: s.days[0],
      scheduleTime: n === 0 ? "10:15" : "09:00",
      startDate: at(s.start),
      reviewDate: at(addDaysIso(s.start, 7 * 10)),
      status: s.ended ? "DISCONTINUED" : "ACTIVE",
      submittedAt: at(addDaysIso(s.start, -4), "14:30"),
      approvedByUserId: casey.userId,
      approvedAt: at(addDaysIso(s.start, -3), "18:00"),
      ...(s.ended ? { endDate: at(s.until), statusReason: "Little response after a change of dosage: moved to a Tier 3 plan." } : {}),
      createdAt: at(addDaysIso(s.start, -4), "14:00"),
    });
    const events: Prisma.PlanEventCreateManyInput[] = [
      { districtId, planId: s.id, kind: "SUBMITTED", actorUserId: sam.userId, createdAt: at(addDaysIso(s.start, -4), "14:30") },
      { districtId, planId: s.id, kind: "APPROVED", actorUserId: casey.userId, createdAt: at(addDaysIso(s.start, -3), "18:00") },
    ];
    if (hasPhase2) {
      await tx.planPhase.create({
        data: {
          districtId,
          planId: s.id,
          number: 2,
          startDate: at(phase2),
          interventionId: intervention.id,
          minutesPerSession: s.minutes,
          sessionsPerWeek: s.perWeek[1],
          groupSize: 1,
          interventionistNames: [s.interventionist.name],
          change: s.change,
          createdByUserId: sam.userId,
          createdAt: at(phase2, "13:00"),
        },
      });
      events.push({ districtId, planId: s.id, kind: "CHANGED", comment: s.change, actorUserId: sam.userId, createdAt: at(phase2, "13:00") });
      await tx.interventionPlan.update({ where: { id: s.id }, data: { sessionsPerWeek: s.perWeek[1], scheduleDays: s.days[1], version: { increment: 1 } } });
    }
    if (s.ended) events.push({ districtId, planId: s.id, kind: "DISCONTINUED", comment: "Little response after a change of dosage: moved to a Tier 3 plan.", actorUserId: casey.userId, createdAt: at(s.until, "16:00") });
    await tx.planEvent.createMany({ data: events });
    written += 2 + events.length + (hasPhase2 ? 1 : 0);

    const baselineDates = [-7, -5, -3].map((d) => addDaysIso(s.start, d));
    const baselineScores = [s.baseline - 1, s.baseline, s.baseline + 2];
    const goal = await makeGoal(tx, {
      districtId,
      planId: s.id,
      studentId,
      measureId: orf.id,
      baselineValue: s.baseline,
      baselineDate: at(baselineDates[2]!),
      baselineScores,
      baselineDates: baselineDates.map((d) => at(d)),
      targetValue: s.baseline + s.goalRoi * 24,
      targetDate: at(addDaysIso(s.start, 7 * 24)),
      createdByUserId: sam.userId,
      createdAt: at(addDaysIso(s.start, -4), "14:10"),
    });
    written += 1;

    let value = s.baseline;
    for (let week = 1; ; week++) {
      const date = addDaysIso(s.start, 7 * week - 4); // the Thursday of the week
      if (date > s.until) break;
      value += week <= s.weeks.phase2 ? s.growth[0] : s.growth[1];
      if (week % s.every !== 0) continue;
      probes.push({
        id: `9b300000-0000-4000-8000-${hex12(n * 1000 + week)}`,
        districtId,
        studentId,
        measureId: orf.id,
        goalId: goal.id,
        date: at(date),
        score: Math.round(value + (r.next() - 0.5) * 5),
        givenByUserId: s.interventionist.userId,
        createdAt: at(date, "19:30"),
      });
    }

    const components = intervention.components.map((c) => c.id);
    for (let date = s.start; date <= s.until; date = addDaysIso(date, 1)) {
      const days = hasPhase2 && date >= phase2 ? s.days[1] : s.days[0];
      if (!days.includes(weekdayOf(date))) continue;
      const sessionId = `5e700000-0000-4000-8000-${date.replaceAll("-", "").padStart(11, "0")}${n}`;
      const u = r.next();
      const status: Prisma.InterventionSessionCreateManyInput["status"] = closed.has(date) ? "SCHOOL_CLOSED" : u < 0.03 ? "CANCELLED" : u > 0.95 ? "STUDENT_ABSENT" : "HELD";
      const held = status === "HELD";
      const ticked = held ? components.filter(() => r.chance(s.fidelity)) : [];
      sessions.push({
        id: sessionId,
        districtId,
        planId: s.id,
        date: at(date),
        startTime: null,
        minutes: held ? s.minutes : null,
        status,
        note: status === "CANCELLED" ? "Cancelled: field trip." : null,
        clientKey: `seed-referral-${sessionId}`,
        loggedByUserId: s.interventionist.userId,
        componentsDelivered: ticked.length,
        createdAt: at(date, "20:00"),
      });
      if (held || status === "STUDENT_ABSENT") attendance.push({ districtId, sessionId, planId: s.id, studentId, date: at(date), status: held ? "PRESENT" : "ABSENT", minutes: null });
      delivered.push(...ticked.map((componentId) => ({ districtId, sessionId, componentId })));
    }
  }

  await tx.probe.createMany({ data: probes });
  await tx.interventionSession.createMany({ data: sessions });
  await tx.sessionAttendance.createMany({ data: attendance });
  await tx.sessionComponent.createMany({ data: delivered });
  written += probes.length + sessions.length + attendance.length + delivered.length;

  // Tier decisions in reading: Tier 2 at last year's fall screening, Tier 3 when the first plan ended, kept at this year's screening.
  const screening = (y: string) => addDaysIso(y, 14);
  await tx.studentTier.createMany({
    data: [
      { districtId, studentId, area: "READING", tier: "TIER_2", effectiveDate: at(screening(lastYear)), reason: "Fall screening: below the grade benchmark in oral reading fluency", decidedByUserId: casey.userId, createdAt: at(screening(lastYear), "20:00") },
      { districtId, studentId, area: "READING", tier: "TIER_3", effectiveDate: at(aEnd), reason: "No adequate response to Tier 2 after a change of plan", decidedByUserId: casey.userId, createdAt: at(aEnd, "17:00") },
      { districtId, studentId, area: "READING", tier: "TIER_3", effectiveDate: at(screening(year)), reason: "Fall screening: well below benchmark; stays at Tier 3", decidedByUserId: casey.userId, createdAt: at(screening(year), "20:00") },
    ],
  });
  const accommodations = await tx.studentAccommodation.count({ where: { districtId, studentId } });
  if (accommodations === 0) {
    await tx.studentAccommodation.createMany({
      data: [
        { districtId, studentId, description: "Directions and test questions read aloud (not reading passages)", source: "OTHER", startDate: at(aStart), createdByUserId: sam.userId },
        { districtId, studentId, description: "Extended time (1.5x) on written classwork", source: "OTHER", startDate: at(bStart), createdByUserId: sam.userId },
      ],
    });
    written += 2;
  }
  return written + 3;
}
