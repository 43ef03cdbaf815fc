import "server-only";
// TEMPORARY stand-ins until the benchmarks and sessions features land on main
// (benchmarkFor/seasonOf, the student dosage summary, toCsv); replaced then.
import type { Tx } from "@/server/db/tenant";
import type { GradeLevel } from "@/server/students/schemas";

export type Season = "FALL" | "WINTER" | "SPRING";
export const SEASON_LABEL: Record<Season, string> = { FALL: "Fall", WINTER: "Winter", SPRING: "Spring" };

export function seasonOf(date: Date): Season {
  const month = date.getUTCMonth() + 1;
  return month >= 8 && month <= 11 ? "FALL" : month === 12 || month <= 2 ? "WINTER" : "SPRING";
}

export function benchmarkFor(tx: Tx, districtId: string, key: { measureId: string; grade: GradeLevel; season: Season }) {
  return tx.benchmark.findUnique({ where: { districtId_measureId_grade_season: { districtId, ...key } }, select: { benchmark: true, riskCut: true } });
}

