// Universal screening of the demo districts (issue 17): the school year's
// three windows, ORF (reading) and the math screening composite as the
// district's screeners, the composite's cut scores, and a score for every
// student on each screener with a benchmark for their grade, in every window
// that has closed by the day the seed runs.
//
// Scores agree with the tiers the demo already has, as the team decided them
// at that screening (the fall decisions of tiers.ts are dated four days after
// the fall window): Tier 3 mostly high risk, Tier 2 mostly some risk, Tier 1
// at benchmark; a few do not (a Tier 2 student who now reads at benchmark, a
// Tier 1 student at some risk the team chose to watch), which is what the
// coordinator's list of tier suggestions shows. Deterministic for a given day.
import type { Season } from "@/domain/benchmarks";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import type { GradeLevel } from "@/server/students/schemas";
import { seedBenchmarks } from "./benchmarks";
import { addDaysIso, demoDay, schoolYearStart, seedToday } from "./calendar";
import { DEMO_DISTRICTS } from "./demo-data";
import { rng } from "./people";

/** The windows as written for the 2026-27 reference year (calendar.ts moves them into the seed's year). */
export const DEMO_WINDOWS: readonly { season: Season; start: string; end: string }[] = [
  { season: "FALL", start: "2026-08-31", end: "2026-09-11" },
  { season: "WINTER", start: "2027-01-11", end: "2027-01-29" },
  { season: "SPRING", start: "2027-05-03", end: "2027-05-21" },
];

/**
 * The math screening composite's cut scores: a grade-normed composite, so one
 * table serves every grade (benchmark, risk cut). Demo values in the shape of
 * published composites (about the 40th and 20th percentiles), not a vendor's norms.
 */
export const MATH_COMPOSITE_CUTS: Readonly<Record<Season, readonly [number, number]>> = { FALL: [40, 25], WINTER: [45, 30], SPRING: [50, 35] };
const COMPOSITE_GRADES: readonly GradeLevel[] = ["KG", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9", "G10", "G11", "G12"];

const SCREENERS = [
  { key: "orf_wcpm", area: "READING" as const },
  { key: "math_composite", area: "MATH" as const },
];

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const hex12 = (n: number) => n.toString(16).padStart(12, "0");

type Level = "AT" | "SOME" | "HIGH";

/** The level a student's score falls in, given the tier the team set at that screening: mostly agreeing, a few not. */
function levelFor(tier: string, u: number): Level {
  if (tier === "TIER_3") return u < 0.85 ? "HIGH" : "SOME";
  if (tier === "TIER_2") return u < 0.78 ? "SOME" : u < 0.9 ? "AT" : "HIGH";
  return u < 0.95 ? "AT" : u < 0.99 ? "SOME" : "HIGH";
}

/** A whole-number score inside the level's band of a benchmark cell (higher is better for both screeners). */
function scoreFor(level: Level, cell: { benchmark: number; riskCut: number }, u: number, max: number): number {
  const { benchmark, riskCut } = cell;
  if (level === "AT") return Math.min(max, Math.round(benchmark + u * Math.max(8, benchmark * 0.35)));
  if (level === "SOME") return Math.round(riskCut + u * (benchmark - 1 - riskCut));
  return Math.max(0, Math.round(riskCut - 1 - u * Math.max(4, riskCut * 0.5)));
}

/** What seedScreening added. */
export interface ScreeningCounts {
  windows: number;
  scores: number;
}

/** Adds the district's screening setup and scores unless it has scores already; returns what it added. */
export async function seedScreening(tx: Tx, districtId: string, today = seedToday()): Promise<ScreeningCounts> {
  await seedBenchmarks(tx, districtId);
  const measures = await tx.measure.findMany({ where: { districtId, key: { in: SCREENERS.map((s) => s.key) } }, select: { id: true, key: true, maxValue: true, screeningArea: true } });
  const anyScreener = (await tx.measure.count({ where: { districtId, screeningArea: { not: null } } })) > 0;
  // An administrator's choice of screeners is kept.
  if (!anyScreener) {
    for (const s of SCREENERS) {
      const m = measures.find((x) => x.key === s.key);
      if (m) await tx.measure.update({ where: { id: m.id }, data: { screeningArea: s.area } });
    }
  }
  const composite = measures.find((m) => m.key === "math_composite");
  if (composite && (await tx.benchmark.count({ where: { districtId, measureId: composite.id } })) === 0) {
    await tx.benchmark.createMany({
      data: COMPOSITE_GRADES.flatMap((grade) => (Object.entries(MATH_COMPOSITE_CUTS) as [Season, readonly [number, number]][]).map(([season, [benchmark, riskCut]]) => ({ districtId, measureId: composite.id, grade, season, benchmark, riskCut }))),
    });
  }

  const schoolYear = Number(schoolYearStart(today).slice(0, 4));
  let windowsAdded = 0;
  if ((await tx.screeningWindow.count({ where: { districtId, schoolYear } })) === 0) {
    windowsAdded = (
      await tx.screeningWindow.createMany({
        data: DEMO_WINDOWS.map((w) => ({ districtId, schoolYear, season: w.season, startDate: day(demoDay(w.start, today)), endDate: day(demoDay(w.end, today)) })),
      })
    ).count;
  }
  if ((await tx.screeningScore.count({ where: { districtId } })) > 0) return { windows: windowsAdded, scores: 0 };

  const windows = (await tx.screeningWindow.findMany({ where: { districtId, schoolYear }, orderBy: { startDate: "asc" } })).filter((w) => w.endDate.toISOString().slice(0, 10) < today);
  if (windows.length === 0) return { windows: windowsAdded, scores: 0 };
  const students = await tx.student.findMany({ where: { districtId, archivedAt: null }, orderBy: { localId: "asc" }, select: { id: true, grade: true, schoolId: true } });
  const decisions = await tx.studentTier.findMany({
    where: { districtId, area: { in: ["READING", "MATH"] } },
    orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }],
    select: { studentId: true, area: true, tier: true, effectiveDate: true },
  });
  const benchmarks = await tx.benchmark.findMany({ where: { districtId, measureId: { in: measures.map((m) => m.id) } }, select: { measureId: true, grade: true, season: true, benchmark: true, riskCut: true } });
  const cellOf = (measureId: string, grade: string, season: Season) => benchmarks.find((b) => b.measureId === measureId && b.grade === grade && b.season === season);
  // Who enters a school's scores: its coordinator (the district's administrator where a school has none).
  const enterers = await tx.$queryRaw<{ userId: string; role: string; schoolId: string | null }[]>`
    SELECT m."userId"::text AS "userId", m."role"::text AS "role", ms."schoolId"::text AS "schoolId"
    FROM "Membership" m LEFT JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
    WHERE m."districtId" = ${districtId}::uuid AND m."deactivatedAt" IS NULL AND m."role" IN ('COORDINATOR', 'ADMIN')
    ORDER BY m."role" DESC, m."id"`;
  const fallback = enterers.find((e) => e.role === "ADMIN")?.userId ?? enterers[0]?.userId;
  if (!fallback) return { windows: windowsAdded, scores: 0 };
  const entererOf = (schoolId: string) => enterers.find((e) => e.role === "COORDINATOR" && (e.schoolId === schoolId || e.schoolId === null))?.userId ?? fallback;

  // Fixed ids, unique across the districts: 5c7ee0<district><window>-...
  const d = districtId === DEMO_DISTRICTS.maple.id ? 0 : 1;
  const rows: Prisma.ScreeningScoreCreateManyInput[] = [];
  for (const [w, window] of windows.entries()) {
    const end = window.endDate.toISOString().slice(0, 10);
    // The tier the team set at this screening: decisions up to two weeks after the window closed.
    const asOf = addDaysIso(end, 14);
    for (const [i, s] of students.entries()) {
      for (const [k, screener] of SCREENERS.entries()) {
        const measure = measures.find((m) => m.key === screener.key);
        const cell = measure && cellOf(measure.id, s.grade, window.season);
        if (!measure || !cell || cell.riskCut === null) continue;
        const tier = decisions.filter((d) => d.studentId === s.id && d.area === screener.area && d.effectiveDate.toISOString().slice(0, 10) <= asOf).at(-1)?.tier ?? "TIER_1";
        const r = rng(170_000 + i * 31 + w * 7 + k);
        const level = levelFor(tier, r.next());
        const score = scoreFor(level, { benchmark: cell.benchmark, riskCut: cell.riskCut }, r.next(), measure.maxValue ?? Number.POSITIVE_INFINITY);
        const enteredOn = addDaysIso(window.startDate.toISOString().slice(0, 10), Math.floor(r.next() * 10));
        rows.push({
          id: `5c7ee0${d}${w}-0000-4000-8000-${hex12(i * 4 + k)}`,
          districtId,
          studentId: s.id,
          measureId: measure.id,
          windowId: window.id,
          grade: s.grade,
          score,
          source: "GRID",
          enteredByUserId: entererOf(s.schoolId),
          createdAt: new Date(`${enteredOn}T15:30:00Z`),
          updatedAt: new Date(`${enteredOn}T15:30:00Z`),
        });
      }
    }
  }
  const scores = (await tx.screeningScore.createMany({ data: rows })).count;
  return { windows: windowsAdded, scores };
}
