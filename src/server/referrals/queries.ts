import "server-only";
import { clockState, DEFAULT_CLOCK, type ClockRule, type ClockState } from "@/domain/iep504/clock";
import { toIsoDay } from "@/domain/goals";
import { DEFAULT_PACKET_RULES, type PacketRules } from "@/domain/iep504/readiness";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { referralAccess } from "./access";
import type { ReferralOutcome, ReferralStatus } from "./schemas";

/** The users on each student's current caseload as case manager (active memberships), in one query. */
export async function caseManagersOf(tx: Tx, districtId: string, studentIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(studentIds.map((id) => [id, []]));
  if (studentIds.length === 0) return out;
  const rows = await tx.caseloadAssignment.findMany({
    where: { districtId, studentId: { in: [...studentIds] }, role: "CASE_MANAGER", endedAt: null, membership: { deactivatedAt: null } },
    select: { studentId: true, membership: { select: { userId: true } } },
  });
  for (const r of rows) out.get(r.studentId)?.push(r.membership.userId);
  return out;
}

export interface DistrictClock {
  rule: ClockRule;
  nonSchoolDays: Set<string>;
}

/** The district's evaluation clock: its rule (defaults: 60 calendar days) and its non-school days. One query. */
export async function districtClockIn(tx: Tx, districtId: string): Promise<DistrictClock> {
  return (await clockAndPacketRulesIn(tx, districtId)).clock;
}

/**
 * The clock and the packet's checklist rules (decision 016), defaults filled
 * in, in one query: the packet page needs both, and each statement costs more
 * in the driver and in PostgreSQL's parse and plan than the rows it reads
 * (decision 007).
 */
export async function clockAndPacketRulesIn(tx: Tx, districtId: string): Promise<{ clock: DistrictClock; rules: PacketRules }> {
  const [row] = await tx.$queryRaw<
    {
      evaluationDays: number | null;
      evaluationDayCount: "CALENDAR" | "SCHOOL" | null;
      packetMinInterventions: number | null;
      packetMinDataPoints: number | null;
      packetMinFidelity: number | null;
      packetRequireGuardians: boolean | null;
      nonSchoolDays: string | null;
    }[]
  >`
    SELECT s."evaluationDays", s."evaluationDayCount"::text AS "evaluationDayCount", s."packetMinInterventions", s."packetMinDataPoints", s."packetMinFidelity", s."packetRequireGuardians",
           (SELECT string_agg(to_char(n."date", 'YYYY-MM-DD'), ',') FROM "DistrictNonSchoolDay" n WHERE n."districtId" = ${districtId}::uuid) AS "nonSchoolDays"
    FROM (SELECT 1) AS one LEFT JOIN "DistrictSettings" s ON s."districtId" = ${districtId}::uuid`;
  const has = row?.evaluationDays != null;
  return {
    clock: {
      rule: has ? { days: row!.evaluationDays!, count: row!.evaluationDayCount ?? "CALENDAR" } : { ...DEFAULT_CLOCK },
      nonSchoolDays: new Set(row?.nonSchoolDays ? row.nonSchoolDays.split(",") : []),
    },
    rules: has
      ? {
          minInterventions: row!.packetMinInterventions ?? DEFAULT_PACKET_RULES.minInterventions,
          minDataPoints: row!.packetMinDataPoints ?? DEFAULT_PACKET_RULES.minDataPoints,
          minFidelity: row!.packetMinFidelity ?? DEFAULT_PACKET_RULES.minFidelity,
          requireGuardiansInformed: row!.packetRequireGuardians ?? DEFAULT_PACKET_RULES.requireGuardiansInformed,
        }
      : { ...DEFAULT_PACKET_RULES },
  };
}

export interface ReferralView {
  id: string;
  studentId: string;
  reason: string;
  concerns: string | null;
  status: ReferralStatus;
  referredOn: string;
  consentRequestedOn: string | null;
  consentDate: string | null;
  eligibilityMeetingOn: string | null;
  outcome: ReferralOutcome | null;
  version: number;
  /** Where the evaluation clock stands (null before consent; a decided referral's clock has stopped). */
  clock: ClockState | null;
}

type Row = Awaited<ReturnType<Tx["referral"]["findMany"]>>[number];
const day = (d: Date | null) => (d ? toIsoDay(d) : null);

export function referralViewOf(r: Row, clock: DistrictClock, today: string): ReferralView {
  const consent = day(r.consentDate);
  return {
    id: r.id,
    studentId: r.studentId,
    reason: r.reason,
    concerns: r.concerns,
    status: r.status,
    referredOn: toIsoDay(r.referredOn),
    consentRequestedOn: day(r.consentRequestedOn),
    consentDate: consent,
    eligibilityMeetingOn: day(r.eligibilityMeetingOn),
    outcome: r.outcome,
    version: r.version,
    clock: consent ? clockState(consent, clock.rule, clock.nonSchoolDays, today) : null,
  };
}

/**
 * A student's referrals, newest first, with their clocks, for a viewer the
 * caller has found may see them (referralAccess). Two or three queries.
 */
export async function referralsOfStudentIn(tx: Tx, districtId: string, studentId: string): Promise<ReferralView[]> {
  const rows = await tx.referral.findMany({ where: { districtId, studentId, archivedAt: null }, orderBy: [{ referredOn: "desc" }, { createdAt: "desc" }] });
  if (rows.length === 0) return [];
  const clock = await districtClockIn(tx, districtId);
  const today = todayIso();
  return rows.map((r) => referralViewOf(r, clock, today));
}

/** Whether `ctx` may see / keep the student's referrals (one query for the case managers). */
export async function referralAccessIn(tx: Tx, ctx: Ctx, student: { id: string; schoolId: string }) {
  const managers = (await caseManagersOf(tx, ctx.districtId, [student.id])).get(student.id) ?? [];
  return referralAccess(ctx, { schoolId: student.schoolId, caseManagerUserIds: managers });
}

/** The administrator's page of the clock settings and the district's non-school days. */
export async function getDistrictCalendar(ctx: Ctx) {
  await authorizePage(ctx, "calendar.manage", { entityType: "DistrictNonSchoolDay" });
  return withTenant(ctx.districtId, async (tx) => {
    const settings = await tx.districtSettings.findUnique({ where: { districtId: ctx.districtId }, select: { evaluationDays: true, evaluationDayCount: true } });
    const days = await tx.districtNonSchoolDay.findMany({ where: { districtId: ctx.districtId }, orderBy: { date: "asc" } });
    return {
      rule: settings ? { days: settings.evaluationDays, count: settings.evaluationDayCount } : { ...DEFAULT_CLOCK },
      days: days.map((d) => ({ date: toIsoDay(d.date), label: d.label })),
      today: todayIso(),
    };
  });
}
