import "server-only";
import { can } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";

// Who may do what with an IEP/504 record and with one of its services: one
// function per object, so every page and action asks the same question (and
// a central reach module can replace the inputs in one place).

export interface SpecialEdPlanFacts {
  /** The student's school. */
  schoolId: string;
  /** Users who reach the student (reachForChecks). */
  reach: readonly string[];
  /** The user id of the record's case manager, if one is named. */
  caseManagerUserId: string | null;
}

/**
 * view: the record (type, status, dates, case manager, services, link);
 * viewDisability: the disability category and evaluation dates, for
 * administrators, coordinators of the school and the record's case manager;
 * manage: create and edit records and their services.
 */
export function specialEdPlanAccess(ctx: Ctx, f: SpecialEdPlanFacts) {
  const resource = { districtId: ctx.districtId, schoolId: f.schoolId, caseloadUserIds: f.reach };
  return {
    view: can(ctx, "iep504.view", resource),
    viewDisability: can(ctx, "iep504.viewDisability", { ...resource, caseloadUserIds: f.caseManagerUserId ? [f.caseManagerUserId] : [] }),
    manage: can(ctx, "iep504.manage", resource),
  };
}
export type SpecialEdPlanAccess = ReturnType<typeof specialEdPlanAccess>;

export interface ServiceFacts {
  schoolId: string;
  /** The user id of the named provider, if any. */
  providerUserId: string | null;
}

/** view: the service and its minutes; log: log delivered minutes (its provider, or staff over the school). */
export function serviceAccess(ctx: Ctx, f: ServiceFacts) {
  const resource = { districtId: ctx.districtId, schoolId: f.schoolId, caseloadUserIds: f.providerUserId ? [f.providerUserId] : [] };
  return { view: can(ctx, "service.view", resource), log: can(ctx, "service.log", resource) };
}
