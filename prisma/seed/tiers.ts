// Fall screening tier decisions for seeded students: about 15% Tier 2 and 5%
// Tier 3, mostly in reading or math, some in behaviour; everyone else stays in
// Tier 1 (core instruction), which needs no row.
import type { Prisma } from "@/generated/prisma/client";
import type { Rng } from "./people";
import { demoDate } from "./calendar";

export const FALL_SCREENING_DATE = demoDate("2026-09-15");
export const FALL_REASON = { TIER_2: "Fall screening: below benchmark", TIER_3: "Fall screening: well below benchmark" } as const;

const AREAS = ["READING", "READING", "READING", "READING", "MATH", "MATH", "MATH", "BEHAVIOR"] as const;

/** The fall decision for one student, or null for Tier 1. Draws from r the same number of times either way. */
export function fallTier(
  r: Rng,
  row: { districtId: string; studentId: string; decidedByUserId: string },
): Prisma.StudentTierCreateManyInput | null {
  const u = r.next();
  const area = r.pick(AREAS);
  const tier = u < 0.05 ? ("TIER_3" as const) : u < 0.2 ? ("TIER_2" as const) : null;
  if (!tier) return null;
  const createdAt = demoDate("2026-09-15", "20:00");
  return { ...row, area, tier, effectiveDate: FALL_SCREENING_DATE, reason: FALL_REASON[tier], createdAt };
}
