// Daily behaviour report cards in the demo (issue 15, decision 014): the
// first two Maple Valley Elementary students on Check-In/Check-Out
// (prisma/seed/year.ts leaves their goals without weekly probes) get a card
// from their plan's start to yesterday, rated by the plan's interventionist:
// one responding (the daily percentage climbs past the goal), one not (flat
// below it, and often missing check-in). Both have realistic absences (whole
// days, and partial days: a late arrival, an early pick-up), and one
// corrected rating. The demo assistant has a card of their own, three weeks
// old (seedAssistantCard). Each rated day is a probe of the plan's goal, as
// the app writes it. Deterministic for a given day; a district with a card is left as it is.
import type { Prisma } from "@/generated/prisma/client";
import { CICO_MEASURE_KEY, DEFAULT_CICO_EXPECTATIONS, DEFAULT_CICO_PERIODS, DEFAULT_GOAL_PERCENT, DEFAULT_SCALE_MAX, dayPercent, dayProbeKey, CICO_INTERVENTION_NAME } from "@/domain/cico";
import type { Tx } from "@/server/db/tenant";
import { addDaysIso } from "./calendar";
import { DEMO_SCHOOLS } from "./demo-data";
import { rng } from "./people";
import { DEMO_CLOSED_DAYS } from "./sessions";

/** How many of Maple Valley Elementary's CICO plans keep a card (year.ts skips their weekly probes). */
export const CICO_CARD_PLANS = 2;

const weekdayOf = (iso: string) => ((((Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 3) % 7) + 7) % 7) + 1;
const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
const DEMO_ASSISTANT_EMAIL = "assistant@maplevalley.example";
/** Quinn Lopez (MV100169): on the assistant's Good Behavior Game plan with no card, for e2e/cico.spec.ts to start one. */
const CICO_SPEC_STUDENT_ID = `5d000000-0000-4000-8000-${(100169).toString(16).padStart(12, "0")}`;
const cardId = (n: number) => `c1c00000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** Adds the demo cards (the two CICO plans', the assistant's) unless the district has a card; returns the rows written. */
export async function seedCicoCards(tx: Tx, districtId: string, { today }: { today: string }): Promise<number> {
  if ((await tx.cicoCard.count({ where: { districtId } })) > 0) return 0;
  const plans = await tx.interventionPlan.findMany({
    where: { districtId, schoolId: DEMO_SCHOOLS.mapleElementary.id, status: "ACTIVE", intervention: { name: CICO_INTERVENTION_NAME }, id: { gte: "9a100000-0000-4000-8000-000000000000", lte: "9a100000-0000-4000-8000-ffffffffffff" } },
    orderBy: { id: "asc" },
    take: CICO_CARD_PLANS,
    select: {
      id: true,
      startDate: true,
      students: { select: { studentId: true } },
      interventionists: { select: { membership: { select: { userId: true } } } },
      goals: { where: { archivedAt: null, measure: { key: "cico_percent_points" } }, select: { id: true, measureId: true } },
    },
  });
  let rows = 0;
  for (const [n, plan] of plans.entries()) {
    const studentId = plan.students[0]?.studentId;
    const goal = plan.goals[0];
    const rater = plan.interventionists[0]?.membership.userId;
    if (!studentId || !goal || !rater) continue;
    // The goal is the card's daily goal.
    await tx.goal.update({ where: { id: goal.id }, data: { targetValue: DEFAULT_GOAL_PERCENT } });
    rows += await seedCard(tx, districtId, { n, planId: plan.id, studentId, goal, rater, start: plan.startDate.toISOString().slice(0, 10), responding: n === 0, today });
  }
  rows += await seedAssistantCard(tx, districtId, today);
  return rows;
}

/**
 * The demo assistant's own card: Jordan Lee delivers behaviour plans at Maple
 * Valley Elementary but none of the Check-In/Check-Out ones, so their phone
 * had no card to rate. The first of their open behaviour plans (by id) gets
 * one, started three weeks ago when the plan's incident counts alone did not
 * show how the days went; its goal on the daily percentage is made from a
 * baseline, as the app makes it. Not the plan of the student e2e/cico.spec.ts
 * starts a card for (Quinn Lopez), and never one of the specialist's plans
 * (e2e/cico.spec.ts expects their 2 cards).
 */
async function seedAssistantCard(tx: Tx, districtId: string, today: string): Promise<number> {
  const plans = await tx.interventionPlan.findMany({
    where: {
      districtId,
      schoolId: DEMO_SCHOOLS.mapleElementary.id,
      status: "ACTIVE",
      area: "BEHAVIOR",
      interventionists: { every: { membership: { user: { email: DEMO_ASSISTANT_EMAIL } } }, some: {} },
      students: { every: { studentId: { not: CICO_SPEC_STUDENT_ID } } },
    },
    orderBy: { id: "asc" },
    take: 1,
    select: { id: true, startDate: true, reviewDate: true, students: { select: { studentId: true } }, interventionists: { select: { membership: { select: { userId: true } } } } },
  });
  const plan = plans[0];
  const measure = await tx.measure.findFirst({ where: { districtId, key: CICO_MEASURE_KEY, archivedAt: null }, select: { id: true } });
  const studentId = plan?.students[0]?.studentId;
  const rater = plan?.interventionists[0]?.membership.userId;
  if (!plan || !measure || !studentId || !rater) return 0;
  const planStart = plan.startDate.toISOString().slice(0, 10);
  const threeWeeksAgo = addDaysIso(today, -21);
  // A Monday, on or after the plan's start.
  let start = planStart > threeWeeksAgo ? planStart : threeWeeksAgo;
  while (weekdayOf(start) !== 1) start = addDaysIso(start, 1);
  if (start >= today) return 0;
  const review = plan.reviewDate.toISOString().slice(0, 10);
  const goal = await tx.goal.create({
    data: {
      districtId,
      planId: plan.id,
      studentId,
      measureId: measure.id,
      baselineValue: 58,
      baselineDate: at(start),
      baselineScores: [],
      baselineDates: [],
      targetValue: DEFAULT_GOAL_PERCENT,
      targetDate: at(review > start ? review : addDaysIso(start, 56)),
      createdByUserId: rater,
      createdAt: new Date(`${start}T07:25:00Z`),
    },
    select: { id: true, measureId: true },
  });
  return 1 + (await seedCard(tx, districtId, { n: 2, planId: plan.id, studentId, goal, rater, start, responding: true, today }));
}

/** One card from `start` to yesterday, rated by `rater`; returns the rows written. */
async function seedCard(
  tx: Tx,
  districtId: string,
  { n, planId, studentId, goal, rater, start, responding, today }: { n: number; planId: string; studentId: string; goal: { id: string; measureId: string }; rater: string; start: string; responding: boolean; today: string },
): Promise<number> {
  const closed = new Set(DEMO_CLOSED_DAYS);
  let rows = 0;
  const id = cardId(n + 1);
  const expectations = [...DEFAULT_CICO_EXPECTATIONS];
  const periods = [...DEFAULT_CICO_PERIODS.ELEMENTARY];
  await tx.cicoCard.create({
    data: { id, districtId, studentId, planId, goalId: goal.id, expectations, periods, scaleMax: DEFAULT_SCALE_MAX, goalPercent: DEFAULT_GOAL_PERCENT, startedOn: at(start), createdByUserId: rater, createdAt: new Date(`${start}T07:30:00Z`) },
  });
  rows += 1;

  const days: string[] = [];
  for (let d = start; d < today; d = addDaysIso(d, 1)) if (weekdayOf(d) <= 5 && !closed.has(d)) days.push(d);
  const r = rng(15_000 + n);
  const ratings: Prisma.CicoRatingCreateManyInput[] = [];
  const dayRows: Prisma.CicoDayCreateManyInput[] = [];
  const probes: Prisma.ProbeCreateManyInput[] = [];
  for (const [i, day] of days.entries()) {
    const progress = days.length > 1 ? i / (days.length - 1) : 0;
    // Expected share of the day's points: climbing from 55% to about 90%, or flat around 60%.
    const expected = responding ? 0.55 + 0.35 * Math.min(1, progress * 1.3) : 0.6 + 0.04 * Math.sin(i / 5);
    const u = r.next();
    if (u < 0.05) {
      dayRows.push({ districtId, cardId: id, date: at(day), absent: true, updatedByUserId: rater });
      continue;
    }
    // A late arrival misses the first period, an early pick-up the last two.
    const late = u > 0.05 && u < 0.09;
    const early = u >= 0.09 && u < 0.12;
    const todays = periods.filter((_, p) => !(late && p === 0) && !(early && p >= periods.length - 2));
    // P(2) chosen so that the mean rating is `expected` of the top: E = 2p + (1 - p) / 2 ... on a 0-2 scale.
    const p2 = Math.max(0, Math.min(1, (4 * expected - 1) / 3));
    let points = 0;
    let possible = 0;
    for (const period of todays) {
      for (const expectation of expectations) {
        const v = r.next();
        const value = v < p2 ? 2 : v < p2 + (1 - p2) / 2 ? 1 : 0;
        ratings.push({ districtId, cardId: id, date: at(day), period, expectation, value, scaleMax: DEFAULT_SCALE_MAX, ratedByUserId: rater, createdAt: new Date(`${day}T${String(9 + periods.indexOf(period)).padStart(2, "0")}:05:00Z`) });
        points += value;
        possible += DEFAULT_SCALE_MAX;
      }
    }
    const checkedIn = r.next() > (responding ? 0.05 : 0.3);
    dayRows.push({ districtId, cardId: id, date: at(day), checkedIn, checkedOut: !early && r.next() > 0.08, points, possible, updatedByUserId: rater });
    probes.push({
      districtId,
      studentId,
      measureId: goal.measureId,
      goalId: goal.id,
      date: at(day),
      score: dayPercent({ points, possible })!,
      givenByUserId: rater,
      note: `Daily report card: ${points} of ${possible} points.`,
      clientKey: dayProbeKey(id, day),
      createdAt: new Date(`${day}T21:00:00Z`),
    });
  }
  // One rating corrected the next morning (the teacher's note said 2, the card was marked 1), with its trail.
  const fixed = ratings.find((x, k) => k > 40 && x.value === 1);
  if (fixed) {
    fixed.value = 2;
    const fixedDay = fixed.date as Date;
    const dayRow = dayRows.find((x) => (x.date as Date).getTime() === fixedDay.getTime())!;
    dayRow.points! += 1;
    const probe = probes.find((x) => (x.date as Date).getTime() === fixedDay.getTime())!;
    probe.score = dayPercent({ points: dayRow.points!, possible: dayRow.possible! })!;
    probe.note = `Daily report card: ${dayRow.points} of ${dayRow.possible} points.`;
    fixed.version = 2;
    await tx.cicoRatingRevision.create({
      data: { districtId, cardId: id, date: fixedDay, period: fixed.period, expectation: fixed.expectation, previousValue: 1, value: 2, previousRatedByUserId: rater, changedByUserId: rater, createdAt: new Date(fixedDay.getTime() + 36 * 3_600_000) },
    });
    rows += 1;
  }
  await tx.cicoRating.createMany({ data: ratings });
  await tx.cicoDay.createMany({ data: dayRows });
  await tx.probe.createMany({ data: probes });
  rows += ratings.length + dayRows.length + probes.length;
  return rows;
}
