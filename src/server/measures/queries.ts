import "server-only";
import { DEFAULT_MEASURES, type Measure } from "@/domain/measures";
import type { Measure as MeasureRow } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";

/** A district's measure row as the domain's Measure (goal arithmetic, sentences, validation). */
export function measureOf(row: Pick<MeasureRow, "key" | "name" | "unit" | "direction" | "minValue" | "maxValue" | "decimals" | "rateDecimals" | "phrase" | "lessWord" | "moreWord">): Measure {
  return {
    key: row.key,
    name: row.name,
    unit: row.unit,
    direction: row.direction === "HIGHER" ? "higher" : "lower",
    ...(row.minValue != null ? { min: row.minValue } : {}),
    ...(row.maxValue != null ? { max: row.maxValue } : {}),
    decimals: row.decimals,
    ...(row.rateDecimals != null ? { rateDecimals: row.rateDecimals } : {}),
    phrase: row.phrase,
    ...(row.lessWord ? { lessWord: row.lessWord } : {}),
    ...(row.moreWord ? { moreWord: row.moreWord } : {}),
  };
}

/** The default measure list as rows of a district (for seeds and new districts). */
export function defaultMeasureRows(districtId: string) {
  return DEFAULT_MEASURES.map((m) => ({
    districtId,
    key: m.key,
    name: m.name,
    unit: m.unit,
    direction: m.direction === "higher" ? ("HIGHER" as const) : ("LOWER" as const),
    minValue: m.min ?? null,
    maxValue: m.max ?? null,
    decimals: m.decimals,
    rateDecimals: m.rateDecimals ?? null,
    phrase: m.phrase,
    lessWord: m.lessWord ?? null,
    moreWord: m.moreWord ?? null,
  }));
}

/** Adds the default measures the district does not have yet (by key); returns how many were added. */
export async function ensureDefaultMeasures(tx: Tx, districtId: string): Promise<number> {
  const result = await tx.measure.createMany({ data: defaultMeasureRows(districtId), skipDuplicates: true });
  return result.count;
}

/** The district's measures in use (not archived), by name. */
export function listMeasuresIn(tx: Tx, districtId: string) {
  return tx.measure.findMany({ where: { districtId, archivedAt: null }, orderBy: { name: "asc" } });
}
