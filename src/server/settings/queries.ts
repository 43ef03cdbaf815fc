import "server-only";
import { DEFAULT_PACKET_RULES, type PacketRules } from "@/domain/iep504/readiness";
import { defaultExpectationsIn } from "@/server/cico/queries";
import { DEFAULT_DISTRICT_SETTINGS, type DistrictSettings } from "@/domain/settings";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { SUBGROUP_LABEL, SUBGROUPS } from "@/server/dashboards/filters";
import { equityRulesIn } from "./equity";

/** The district's settings and the version to edit them at ("" while the district has no row). */
export async function settingsRowIn(tx: Tx, districtId: string): Promise<{ settings: DistrictSettings; version: string }> {
  const row = await tx.districtSettings.findUnique({ where: { districtId } });
  if (!row) return { settings: { ...DEFAULT_DISTRICT_SETTINGS }, version: "" };
  const { dosageThreshold, fidelityThreshold, fourPointRulePoints, trendMinPoints, trendMethod, rulePrecedence } = row;
  return { settings: { dosageThreshold, fidelityThreshold, fourPointRulePoints, trendMinPoints, trendMethod, rulePrecedence }, version: row.updatedAt.toISOString() };
}

/**
 * The district's thresholds for flags and decision rules, defaults filled in.
 * Inside the caller's transaction, and read once per transaction: a page's
 * dosage summary and decision rules both need them (the settings form
 * writes through settingsRowIn in its own transaction).
 */
export function districtSettingsIn(tx: Tx, districtId: string): Promise<DistrictSettings> {
  const known = settingsOfTx.get(tx);
  if (known?.districtId === districtId) return known.settings;
  const settings = settingsRowIn(tx, districtId).then((r) => r.settings);
  settingsOfTx.set(tx, { districtId, settings });
  return settings;
}
const settingsOfTx = new WeakMap<Tx, { districtId: string; settings: Promise<DistrictSettings> }>();

/** The district's referral packet checklist rules (decision 016), defaults filled in. One query. */
export async function packetRulesIn(tx: Tx, districtId: string): Promise<PacketRules> {
  const row = await tx.districtSettings.findUnique({
    where: { districtId },
    select: { packetMinInterventions: true, packetMinDataPoints: true, packetMinFidelity: true, packetRequireGuardians: true },
  });
  if (!row) return { ...DEFAULT_PACKET_RULES };
  return {
    minInterventions: row.packetMinInterventions,
    minDataPoints: row.packetMinDataPoints,
    minFidelity: row.packetMinFidelity,
    requireGuardiansInformed: row.packetRequireGuardians,
  };
}

/** For the settings page: administrators only. */
export async function getSettingsForEdit(ctx: Ctx) {
  await authorizePage(ctx, "settings.manage", { entityType: "DistrictSettings" });
  return withTenant(ctx.districtId, async (tx) => ({
    ...(await settingsRowIn(tx, ctx.districtId)),
    packetRules: await packetRulesIn(tx, ctx.districtId),
    cicoExpectations: await defaultExpectationsIn(tx, ctx.districtId),
    equityRules: await equityRulesIn(tx, ctx.districtId),
    subgroups: SUBGROUPS.map((g) => ({ value: g, label: SUBGROUP_LABEL[g] })),
    sessionLimits: await tx.district.findUniqueOrThrow({ where: { id: ctx.districtId }, select: { sessionIdleMinutes: true, sessionAbsoluteHours: true, requireTwoFactor: true } }),
  }));
}
