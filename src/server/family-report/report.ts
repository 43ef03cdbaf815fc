import "server-only";
import { z } from "zod";
import { reportLanguageOf, type ReportLanguage } from "@/domain/family-report/i18n";
import { familyReportText, type FamilyReportText } from "@/domain/family-report/text";
import { toIsoDay } from "@/domain/goals";
import { can } from "@/domain/permissions";
import type { ProgressGraph } from "@/domain/progress/graph";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT, studentDisplayName, studentFirstName } from "@/server/caseloads/names";
import { withTenant, type Tx } from "@/server/db/tenant";
import { planTitleOf } from "@/server/plans/schemas";
import { goalGraphsOfStudentIn } from "@/server/progress/graph";
import { planReach } from "@/server/reach";
import { smtpConfiguredIn } from "@/server/settings/smtp";
import { todayIso } from "@/server/students/schemas";

/** How the report reached the family: on the screen, printed, as a PDF, or emailed (decision 038). Each is a disclosure. */
export type DisclosureChannel = "screen" | "print" | "pdf" | "email";

/** Plans a family can be told about: drafts were never approved or delivered. */
const TOLD = ["ACTIVE", "COMPLETED", "DISCONTINUED"] as const;

export interface FamilyReport {
  planId: string;
  studentId: string;
  /** The student's local id (the PDF's file name; never the name). */
  localId: string;
  today: string;
  language: ReportLanguage;
  /** The guardians the report may be addressed to (the chosen one first is not implied: see `recipientId`). */
  guardians: { id: string; name: string; relationship: string; preferredLanguage: string | null; email: string | null }[];
  /** The guardian the report is for; null when the student has none on record. */
  recipientId: string | null;
  text: FamilyReportText;
  /** Each goal's graph, in the order of text.goals. */
  graphs: ProgressGraph[];
  /** Whether the district has an SMTP server set up, so the report can be emailed (decision 038). */
  emailConfigured: boolean;
}

export const ZFamilyReportTarget = z
  .object({
    unverifiedPlanId: z.string().max(100),
    unverifiedStudentId: z.string().max(100),
    unverifiedGuardianId: z.string().max(100).optional(),
  })
  .strict();
export type TFamilyReportTarget = z.infer<typeof ZFamilyReportTarget>;

const PLAN_SELECT = {
  id: true,
  schoolId: true,
  status: true,
  area: true,
  customIntervention: true,
  sessionsPerWeek: true,
  minutesPerSession: true,
  groupSize: true,
  startDate: true,
  reviewDate: true,
  intervention: { select: { name: true, atHome: true, atHomeEs: true } },
  interventionists: { select: { membership: { select: { user: { select: { name: true } } } } } },
  school: { select: { name: true } },
} as const;

/**
 * The family progress report of one student on one plan, for the page and
 * the PDF alike. Who may: staff who see the student's plan and its progress
 * (plan.view and probe.view, reached as the goal graph is: through this plan
 * for this student, so an assistant reaches only the plans they deliver).
 * Anyone else, and an unknown or malformed id, a draft plan or a student not
 * on the plan, gets 404 with a `denied` event.
 *
 * Every report produced goes to a family, so each one is audited as a
 * `disclose` event about the student, naming the channel, the guardian it is
 * for and the language. A fixed number of statements: the plan, the
 * student with guardians, the reach, the goal graphs (goalGraphsOfStudentIn),
 * whether email is set up.
 */
export async function getFamilyReport(ctx: Ctx, target: TFamilyReportTarget, channel: Exclude<DisclosureChannel, "email">): Promise<FamilyReport> {
  await authorizePage(ctx, "plan.view", { entityType: "FamilyReport" });
  const found = await withTenant(ctx.districtId, async (tx) => {
    const disclosed = await discloseFamilyReportIn(tx, ctx, target, channel);
    return !disclosed || "denied" in disclosed ? disclosed : assembleFamilyReportIn(tx, ctx, disclosed);
  });
  if (!found || "denied" in found) {
    return pageNotFound(ctx, "plan.view", { entityType: "FamilyReport", entityId: target.unverifiedPlanId.slice(0, 64), studentId: found?.denied ?? null });
  }
  return found;
}

type Disclosed = NonNullable<Awaited<ReturnType<typeof findLink>>> & { recipient: { id: string; name: string; relationship: string } | undefined; language: ReportLanguage };

const findLink = (tx: Tx, districtId: string, planId: string, studentId: string) =>
  tx.planStudent.findFirst({
    where: { districtId, planId, studentId, plan: { status: { in: [...TOLD] } } },
    select: {
      plan: { select: PLAN_SELECT },
      student: {
        select: {
          id: true,
          localId: true,
          grade: true,
          ...STUDENT_NAME_SELECT,
          guardians: { select: { id: true, name: true, relationship: true, preferredLanguage: true, email: true }, orderBy: [{ position: "asc" as const }, { name: "asc" as const }] },
        },
      },
    },
  });

/**
 * Finds the plan, student and guardian of a report the user may produce and
 * writes its disclosure event, inside the caller's transaction: the page,
 * the PDF and the print button each call it. Null when nothing matches,
 * `{ denied }` when the user may not (the caller records the denial, which
 * must survive a rollback).
 */
export async function discloseFamilyReportIn(tx: Tx, ctx: Ctx, target: TFamilyReportTarget, channel: Exclude<DisclosureChannel, "email">): Promise<Disclosed | { denied: string } | null> {
  const found = await findFamilyReportIn(tx, ctx, target);
  if (found && !("denied" in found)) await recordFamilyReportDisclosureIn(tx, ctx, found, channel);
  return found;
}

/**
 * The same checks as discloseFamilyReportIn, without the disclosure: email
 * records it only once the mail server has taken the message (decision 038).
 */
export async function findFamilyReportIn(tx: Tx, ctx: Ctx, target: TFamilyReportTarget): Promise<Disclosed | { denied: string } | null> {
  const districtId = ctx.districtId;
  const planId = z.uuid().safeParse(target.unverifiedPlanId);
  const studentId = z.uuid().safeParse(target.unverifiedStudentId);
  if (!planId.success || !studentId.success) return null;
  const guardianId = target.unverifiedGuardianId === undefined || target.unverifiedGuardianId === "" ? null : z.uuid().safeParse(target.unverifiedGuardianId);
  if (guardianId && !guardianId.success) return null;

  const link = await findLink(tx, districtId, planId.data, studentId.data);
  if (!link) return null;
  const { plan, student } = link;
  const reach = await planReach(tx, ctx, ["plan.view", "probe.view"], plan, student.id);
  if (!can(ctx, "plan.view", reach) || !can(ctx, "probe.view", reach)) return { denied: student.id };

  const recipient = guardianId ? student.guardians.find((g) => g.id === guardianId.data) : student.guardians[0];
  // A guardian id that is not this student's is not silently replaced by another guardian.
  if (guardianId && !recipient) return null;
  const language = reportLanguageOf(recipient?.preferredLanguage);
  return { ...link, recipient, language };
}

/** The disclosure event on the student's record: channel, the guardian it is for, the language, and for email the address it went to. */
export async function recordFamilyReportDisclosureIn(
  tx: Tx,
  ctx: Ctx,
  { plan, student, recipient, language }: Pick<Disclosed, "plan" | "student" | "recipient" | "language">,
  channel: DisclosureChannel,
  emailedTo?: string,
): Promise<void> {
  await recordAudit(tx, {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action: "disclose",
    entityType: "FamilyReport",
    entityId: plan.id,
    studentId: student.id,
    detail: {
      page: "family progress report",
      channel,
      recipient: recipient ? { guardianId: recipient.id, relationship: recipient.relationship } : "family (no guardian on record)",
      ...(emailedTo ? { emailedTo } : {}),
      language: language.locale,
      ...(language.fallbackFrom ? { fallbackFrom: language.fallbackFrom } : {}),
    },
  });
}

export type { Disclosed as FoundFamilyReport };

export async function assembleFamilyReportIn(tx: Tx, ctx: Ctx, { plan, student, recipient, language }: Disclosed): Promise<FamilyReport> {
  const districtId = ctx.districtId;
  const today = todayIso();
  const graphs = await goalGraphsOfStudentIn(tx, districtId, student.id, { archivedAt: null, planId: plan.id });
  const emailConfigured = await smtpConfiguredIn(tx, districtId);
  const text = familyReportText({
    today,
    language,
    student: { name: studentDisplayName(student), firstName: studentFirstName(student), grade: student.grade, schoolName: plan.school.name },
    recipient: recipient ? { name: recipient.name } : null,
    plan: {
      area: plan.area,
      interventionName: plan.intervention?.name ?? null,
      title: planTitleOf(plan),
      sessionsPerWeek: plan.sessionsPerWeek,
      minutesPerSession: plan.minutesPerSession,
      groupSize: plan.groupSize,
      interventionists: plan.interventionists.map((i) => i.membership.user.name).sort(),
      startDate: toIsoDay(plan.startDate),
      reviewDate: toIsoDay(plan.reviewDate),
      atHome: { en: plan.intervention?.atHome ?? "", es: plan.intervention?.atHomeEs ?? "" },
    },
    goals: graphs.map((g) => {
      const r = g.recommendation;
      return {
        measure: g.goal.measure,
        baseline: g.goal.baselineValue,
        baselineDate: g.goal.baselineDate,
        target: g.goal.targetValue,
        targetDate: g.goal.targetDate,
        points: g.probes.filter((p) => !p.invalid).map((p) => ({ date: p.date, score: p.score })),
        recommendation: {
          kind: r.kind,
          trendSufficient: r.trend.sufficient,
          trendSlopePerWeek: r.numbers.trendSlopePerWeek,
          aimlineSlopePerWeek: r.aimline.slopePerWeek,
          projectedValue: r.numbers.projectedValue,
        },
        hasPhaseLines: g.graph.phaseLines.length > 0,
        hasTierLines: g.graph.tierMarkers.length > 0,
      };
    }),
  });

  return {
    planId: plan.id,
    studentId: student.id,
    localId: student.localId,
    today,
    language,
    guardians: student.guardians,
    recipientId: recipient?.id ?? null,
    text,
    graphs: graphs.map((g) => g.graph),
    emailConfigured,
  };
}
