import "server-only";
import { goalRoi, goalSentence, toIsoDay } from "@/domain/goals";
import { measureFitsArea, type Measure } from "@/domain/measures";
import type { Prisma } from "@/generated/prisma/client";
import { STUDENT_NAME_SELECT, studentDisplayName, studentFirstName } from "@/server/caseloads/names";
import type { Tx } from "@/server/db/tenant";
import { measureOf } from "@/server/measures/queries";
import { todayIso } from "@/server/students/schemas";

export interface GoalView {
  id: string;
  planId: string;
  studentId: string;
  studentName: string;
  measureId: string;
  measure: Measure;
  baselineValue: number;
  /** yyyy-mm-dd */
  baselineDate: string;
  /** The baseline probes the median came from (empty when the baseline was typed in). */
  baselineProbes: { value: number; date: string }[];
  targetValue: number;
  targetDate: string;
  /** Goal ROI per week from the baseline date to the target date. */
  roiPerWeek: number;
  /** "By 12 March, Ana will read 72 words correct per minute (from 41), 2.6 per week." */
  sentence: string;
  version: number;
  archived: boolean;
}

/** What goalViewOf reads of a goal row: the goal with its measure and the student's names. */
export type GoalViewRow = Prisma.GoalGetPayload<{ include: { measure: true; student: { select: typeof STUDENT_NAME_SELECT } } }>;

/** A goal row as the pages show it: dates as days, its ROI and its sentence (years shown relative to `today`). */
export function goalViewOf(g: GoalViewRow, today = todayIso()): GoalView {
  const measure = measureOf(g.measure);
  const baselineDate = toIsoDay(g.baselineDate);
  const targetDate = toIsoDay(g.targetDate);
  const roiPerWeek = goalRoi({ baseline: g.baselineValue, target: g.targetValue, startDate: baselineDate, targetDate });
  return {
    id: g.id,
    planId: g.planId,
    studentId: g.studentId,
    studentName: studentDisplayName(g.student),
    measureId: g.measureId,
    measure,
    baselineValue: g.baselineValue,
    baselineDate,
    baselineProbes: g.baselineScores.map((value, i) => ({ value, date: toIsoDay(g.baselineDates[i] ?? g.baselineDate) })),
    targetValue: g.targetValue,
    targetDate,
    roiPerWeek,
    sentence: goalSentence({
      // The name the student goes by, as the page's headings (studentDisplayName) use it.
      studentFirstName: studentFirstName(g.student),
      measure,
      baseline: g.baselineValue,
      target: g.targetValue,
      targetDate,
      roiPerWeek,
      today,
    }),
    version: g.version,
    archived: Boolean(g.archivedAt),
  };
}

/**
 * The goals of some plans (open ones first within a plan, then by student and
 * creation), grouped by plan id, with their ROI and sentence. One query; the
 * caller has authorized plan.view for every plan id.
 */
export async function goalsForPlansIn(tx: Tx, districtId: string, planIds: readonly string[], opts: { includeArchived?: boolean } = {}): Promise<Map<string, GoalView[]>> {
  const out = new Map<string, GoalView[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return out;
  const rows = await tx.goal.findMany({
    where: { districtId, planId: { in: [...planIds] }, ...(opts.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
    include: { measure: true, student: { select: STUDENT_NAME_SELECT } },
  });
  const today = todayIso();
  for (const g of rows) out.get(g.planId)?.push(goalViewOf(g, today));
  return out;
}

/** A measure a goal form offers. */
export interface MeasureChoice {
  id: string;
  name: string;
  unit: string;
  /** Listed with the plan's intervention in the library. */
  fitsIntervention: boolean;
  /** Used in plans of the plan's area (MEASURE_AREAS). */
  fitsArea: boolean;
}

/**
 * The district's measures in use, for a plan's goal form: those that fit the
 * plan's intervention (InterventionMeasure) first, then those of the plan's
 * area, then the rest, each by name.
 */
export async function measureChoicesIn(tx: Tx, districtId: string, interventionId: string | null, area?: string): Promise<MeasureChoice[]> {
  // One statement: whether each measure fits the intervention comes with it (relation joins); no intervention, nothing fits.
  const rows = await tx.measure.findMany({
    where: { districtId, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, key: true, name: true, unit: true, interventions: { where: { interventionId: interventionId ?? undefined }, select: { measureId: true }, take: interventionId ? 1 : 0 } },
  });
  const choices = rows.map((m) => ({ id: m.id, name: m.name, unit: m.unit, fitsIntervention: m.interventions.length > 0, fitsArea: area ? measureFitsArea(m.key, area) : false }));
  const rank = (m: MeasureChoice) => (m.fitsIntervention ? 0 : m.fitsArea ? 1 : 2);
  // A stable sort keeps the names' order within each rank.
  return choices.sort((a, b) => rank(a) - rank(b));
}
