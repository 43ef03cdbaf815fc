// What the outcome dashboards (issue 18, decision 023) show on the demo, each
// something true of Maple Valley:
// - MTSS health, movement between windows: last school year's fall, winter and
//   spring screening. Students who needed help then (today's Tier 2/3) were at
//   risk in the fall, and most of them moved up by winter and spring: the
//   interventions worked for many, not for all.
// - Equity: English learners placed in Tier 3 far more often than the other
//   students. In November the team intensified the reading support of the
//   English learners still at Tier 2 and moved two more up from Tier 1 (plans
//   not written yet, so they also show as Tier 2/3 with no active plan): about
//   16% of English learners at Tier 3 against 4.5% of the others, a risk ratio
//   above 3.0, the pattern a district must ask about (language or disability?).
// Idempotent: adds nothing once last year's windows exist.
import type { Season } from "@/domain/benchmarks";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { GRADE_LEVELS, type GradeLevel } from "@/server/students/schemas";
import { addDaysIso, demoDay, schoolYearStart, seedToday } from "./calendar";
import { DEMO_STUDENTS } from "./demo-data";
import { rng } from "./people";
import { DEMO_WINDOWS } from "./screening";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const hex12 = (n: number) => n.toString(16).padStart(12, "0");
type Level = "AT" | "SOME" | "HIGH";

/** Last year's level in a window, from the level in the one before (or, in the fall, from the tier the student needs now). */
function nextLevel(previous: Level, u: number): Level {
  if (previous === "HIGH") return u < 0.3 ? "AT" : u < 0.6 ? "SOME" : "HIGH";
  if (previous === "SOME") return u < 0.55 ? "AT" : u < 0.9 ? "SOME" : "HIGH";
  return u < 0.96 ? "AT" : "SOME";
}
const fallLevel = (tier: string | undefined, u: number): Level =>
  tier === "TIER_3" ? (u < 0.8 ? "HIGH" : "SOME") : tier === "TIER_2" ? (u < 0.7 ? "SOME" : u < 0.85 ? "HIGH" : "AT") : u < 0.92 ? "AT" : u < 0.98 ? "SOME" : "HIGH";

function scoreFor(level: Level, cell: { benchmark: number; riskCut: number }, u: number, max: number): number {
  const { benchmark, riskCut } = cell;
  if (level === "AT") return Math.min(max, Math.round(benchmark + u * Math.max(8, benchmark * 0.35)));
  if (level === "SOME") return Math.round(riskCut + u * (benchmark - 1 - riskCut));
  return Math.max(0, Math.round(riskCut - 1 - u * Math.max(4, riskCut * 0.5)));
}

const previousGrade = (g: GradeLevel): GradeLevel | null => {
  const i = GRADE_LEVELS.indexOf(g);
  return i > 0 ? GRADE_LEVELS[i - 1]! : null;
};

/** Adds last year's screening and the English learners' Tier 3 decisions; returns the rows added. */
export async function seedDashboards(tx: Tx, districtId: string, today = seedToday()): Promise<number> {
  const thisYear = Number(schoolYearStart(today).slice(0, 4));
  const lastYear = thisYear - 1;
  if ((await tx.screeningWindow.count({ where: { districtId, schoolYear: lastYear } })) > 0) return 0;
  const screeners = await tx.measure.findMany({ where: { districtId, archivedAt: null, screeningArea: { in: ["READING", "MATH"] } }, select: { id: true, screeningArea: true, maxValue: true } });
  const admin = await tx.membership.findFirst({ where: { districtId, role: "ADMIN", deactivatedAt: null }, orderBy: { createdAt: "asc" }, select: { userId: true } });
  if (screeners.length === 0 || !admin) return 0;

  // Last year's windows: this year's dates 52 weeks earlier (same weekdays).
  await tx.screeningWindow.createMany({
    data: DEMO_WINDOWS.map((w) => ({ districtId, schoolYear: lastYear, season: w.season, startDate: day(addDaysIso(demoDay(w.start, today), -364)), endDate: day(addDaysIso(demoDay(w.end, today), -364)) })),
  });
  const windows = await tx.screeningWindow.findMany({ where: { districtId, schoolYear: lastYear }, orderBy: { startDate: "asc" } });
  const benchmarks = await tx.benchmark.findMany({ where: { districtId, measureId: { in: screeners.map((m) => m.id) } }, select: { measureId: true, grade: true, season: true, benchmark: true, riskCut: true } });
  const cellOf = (measureId: string, grade: string, season: Season) => benchmarks.find((b) => b.measureId === measureId && b.grade === grade && b.season === season && b.riskCut !== null);
  const students = await tx.student.findMany({ where: { districtId, archivedAt: null }, orderBy: { localId: "asc" }, select: { id: true, grade: true, englishLearner: true } });
  const current = await tx.$queryRaw<{ studentId: string; area: string; tier: string }[]>`
    SELECT DISTINCT ON (st."studentId", st."area") st."studentId"::text AS "studentId", st."area"::text AS "area", st."tier"::text AS "tier"
    FROM "StudentTier" st WHERE st."districtId" = ${districtId}::uuid
    ORDER BY st."studentId", st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC`;
  const tierOf = new Map(current.map((c) => [`${c.studentId}/${c.area}`, c.tier]));

  const rows: Prisma.ScreeningScoreCreateManyInput[] = [];
  for (const [i, s] of students.entries()) {
    const grade = previousGrade(s.grade);
    if (!grade) continue;
    for (const [k, m] of screeners.entries()) {
      const r = rng(230_000 + i * 17 + k);
      let level: Level | null = null;
      for (const [w, window] of windows.entries()) {
        level = level === null ? fallLevel(tierOf.get(`${s.id}/${m.screeningArea}`), r.next()) : nextLevel(level, r.next());
        const cell = cellOf(m.id, grade, window.season);
        if (!cell) continue;
        const entered = new Date(`${addDaysIso(window.startDate.toISOString().slice(0, 10), 3)}T15:30:00Z`);
        rows.push({
          id: `5c7ee1${k}${w}-0000-4000-8000-${hex12(i)}`,
          districtId,
          studentId: s.id,
          measureId: m.id,
          windowId: window.id,
          grade,
          score: scoreFor(level, { benchmark: cell.benchmark, riskCut: cell.riskCut! }, r.next(), m.maxValue ?? Number.POSITIVE_INFINITY),
          source: "GRID",
          enteredByUserId: admin.userId,
          createdAt: entered,
          updatedAt: entered,
        });
      }
    }
  }
  let added = (await tx.screeningScore.createMany({ data: rows })).count;

  // November: the English learners still at Tier 2 in reading move to Tier 3, and two more from Tier 1 (not the fixed students of the end-to-end tests).
  const fixed = new Set<string>(Object.values(DEMO_STUDENTS).map((f) => f.id));
  const learners = students.filter((s) => s.englishLearner && !fixed.has(s.id));
  const atTier2 = learners.filter((s) => tierOf.get(`${s.id}/READING`) === "TIER_2");
  const atTier1 = learners.filter((s) => !tierOf.has(`${s.id}/READING`) || tierOf.get(`${s.id}/READING`) === "TIER_1").slice(0, 2);
  const effective = demoDay("2026-11-09", today);
  if (effective <= today) {
    added += (
      await tx.studentTier.createMany({
        data: [...atTier2, ...atTier1].map((s) => ({
          districtId,
          studentId: s.id,
          area: "READING" as const,
          tier: "TIER_3" as const,
          effectiveDate: day(effective),
          reason: atTier2.includes(s) ? "November review: little response at Tier 2; intensify reading support" : "November review: far below grade level in reading",
          decidedByUserId: admin.userId,
          createdAt: new Date(`${effective}T21:00:00Z`),
        })),
      })
    ).count;
  }
  return added;
}
