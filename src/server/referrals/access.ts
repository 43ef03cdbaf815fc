import "server-only";
import { can } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";

/**
 * Who may see and keep a student's referrals: administrators, coordinators of
 * the student's school, and the student's case managers (a specialist's
 * caseload grant is checked against the case managers only, not everyone who
 * reaches the student). One function for every page and action.
 */
export function referralAccess(ctx: Ctx, f: { schoolId: string; caseManagerUserIds: readonly string[] }) {
  const resource = { districtId: ctx.districtId, schoolId: f.schoolId, caseloadUserIds: f.caseManagerUserIds };
  return { view: can(ctx, "referral.view", resource), manage: can(ctx, "referral.manage", resource) };
}
