import "server-only";
import { z } from "zod";
import { DEFAULT_DISTRICT_EQUITY_RULES, EQUITY_RULE_BOUNDS, equityRuleProblems, type DistrictEquityRules } from "@/domain/equity-rules";
import type { Tx } from "@/server/db/tenant";
import { SUBGROUPS } from "@/server/dashboards/filters";

// The equity dashboard's rules as district settings (decision 030): read by
// the equity dashboard and its summary, edited by administrators on
// /admin/settings. One row field each on DistrictSettings.

/** The district's equity rules, defaults filled in (a subgroup key the code no longer has is dropped). One query. */
export async function equityRulesIn(tx: Tx, districtId: string): Promise<DistrictEquityRules> {
  const row = await tx.districtSettings.findUnique({
    where: { districtId },
    select: { equityThreshold: true, equityMinCell: true, equityMinN: true, equityHiddenSubgroups: true },
  });
  if (!row) return { ...DEFAULT_DISTRICT_EQUITY_RULES };
  return {
    threshold: row.equityThreshold,
    minCell: row.equityMinCell,
    minN: row.equityMinN,
    hiddenSubgroups: row.equityHiddenSubgroups.filter((g) => (SUBGROUPS as readonly string[]).includes(g)),
  };
}

const number = (message: string, pattern: RegExp) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => pattern.test(v), message)
    .transform(Number);

const { threshold, minCell, minN } = EQUITY_RULE_BOUNDS;

/**
 * The form: the threshold as a decimal ("2.5"), the two sizes as whole
 * numbers, and the subgroups to report as ticked boxes (`shown`, repeated).
 * The domain's bounds decide; a subgroup the code does not know is refused.
 */
export const ZEquityRulesInput = z
  .strictObject({
    threshold: number(`Enter a ratio from ${threshold.min.toFixed(1)} to ${threshold.max.toFixed(1)}, with at most one decimal (such as 2.5).`, /^\d{1,2}(\.\d)?$/),
    minCell: number(`Enter a whole number from ${minCell.min} to ${minCell.max}.`, /^\d{1,3}$/),
    minN: number(`Enter a whole number from ${minN.min} to ${minN.max}.`, /^\d{1,3}$/),
    shown: z.array(z.enum(SUBGROUPS, { error: "Choose subgroups from the list." })).max(SUBGROUPS.length),
  })
  .superRefine((v, c) => {
    for (const [path, message] of Object.entries(equityRuleProblems(v))) c.addIssue({ code: "custom", path: [path], message });
    if (v.shown.length === 0) c.addIssue({ code: "custom", path: ["shown"], message: "Report at least one subgroup." });
  });
export type TEquityRulesInput = z.infer<typeof ZEquityRulesInput>;
