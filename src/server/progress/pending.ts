import "server-only";
// TEMPORARY stand-ins until the benchmarks and sessions features land on main
// (benchmarkFor/seasonOf, the student dosage summary, toCsv); replaced then.
import type { Delivery } from "@/domain/progress";
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

export async function studentDeliveryIn(_tx: Tx, _districtId: string, _planId: string, _studentId: string, _period: { from: string; to: string }): Promise<Delivery & { plannedMinutes?: number; deliveredMinutes?: number }> {
  return {};
}

export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
