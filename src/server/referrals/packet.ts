import "server-only";
import { z } from "zod";
import type { PeriodSummary } from "@/domain/dosage";
import { toIsoDay } from "@/domain/goals";
import { packetReadiness, type PacketRules, type Readiness } from "@/domain/iep504/readiness";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT, studentDisplayName, studentLegalNameIfOther } from "@/server/caseloads/names";
import { withTenant, type Tx } from "@/server/db/tenant";
import { guardianContactsIn, type GuardianContactView } from "@/server/guardian-contacts/queries";
import { CONTACT_METHOD_PHRASE } from "@/server/guardian-contacts/schemas";
import { planTitleOf } from "@/server/plans/schemas";
import { goalGraphsOfStudentIn, type GoalGraphView } from "@/server/progress/graph";
import { studentDosageIn } from "@/server/sessions/queries";
import { todayIso, type GradeLevel } from "@/server/students/schemas";
import type { InterventionArea, TierLevel } from "@/server/tiers/schemas";
import { referralAccess } from "./access";
import { caseManagersOf, clockAndPacketRulesIn, referralViewOf, type ReferralView } from "./queries";

/** Plans that have started: drafts were never delivered, so they are no evidence either way. */
const STARTED = ["ACTIVE", "COMPLETED", "DISCONTINUED"] as const;

export interface PacketPhase {
  number: number;
  startDate: string;
  title: string;
  minutesPerSession: number;
  sessionsPerWeek: number;
  groupSize: number;
  interventionists: string[];
  /** What changed and why (null for phase 1). */
  change: string | null;
}

export interface PacketDecision {
  /** yyyy-mm-dd, in UTC as stored. */
  date: string;
  kind: "CREATED" | "SUBMITTED" | "RETURNED" | "APPROVED" | "CHANGED" | "COMPLETED" | "DISCONTINUED";
  comment: string | null;
  by: string;
}

export interface PacketPlan {
  id: string;
  title: string;
  area: InterventionArea;
  status: (typeof STARTED)[number];
  startDate: string;
  reviewDate: string;
  endDate: string | null;
  statusReason: string | null;
  interventionists: string[];
  phases: PacketPhase[];
  decisions: PacketDecision[];
  /** Planned vs delivered for this student since the plan's start (to its end or today), null when it starts later. */
  dosage: PeriodSummary | null;
  /** Valid probes on the student's goals of this plan. */
  dataPoints: number;
  goals: GoalGraphView[];
}

export interface ReferralPacket {
  today: string;
  referral: ReferralView & { final: { at: string; by: string; note: string | null } | null };
  student: { id: string; name: string; legalName: string | null; grade: GradeLevel; localId: string; schoolName: string; dateOfBirth: string | null };
  guardians: { name: string; relationship: string; phone: string | null; email: string | null; preferredLanguage: string | null }[];
  tiers: { area: InterventionArea; tier: TierLevel; effectiveDate: string; reason: string; decidedBy: string }[];
  plans: PacketPlan[];
  accommodations: { description: string; source: "IEP" | "SECTION_504" | "OTHER"; startDate: string; endDate: string | null }[];
  rules: PacketRules;
  readiness: Readiness;
  /** The contact log with the family, newest first; null when this viewer may not read it (guardianContact.view). */
  contacts: GuardianContactView[] | null;
  /** The viewer may mark the packet final (referral.manage, the referral still open). */
  mayFinalize: boolean;
}

const REFERRAL_INCLUDE = {
  student: {
    select: {
      id: true,
      schoolId: true,
      grade: true,
      localId: true,
      dateOfBirth: true,
      ...STUDENT_NAME_SELECT,
      school: { select: { name: true } },
      guardians: { select: { name: true, relationship: true, phone: true, email: true, preferredLanguage: true }, orderBy: [{ position: "asc" as const }, { name: "asc" as const }] },
      tiers: {
        select: { area: true, tier: true, effectiveDate: true, reason: true, decidedBy: { select: { name: true } } },
        orderBy: [{ effectiveDate: "asc" as const }, { createdAt: "asc" as const }],
      },
      accommodations: {
        where: { archivedAt: null },
        select: { description: true, source: true, startDate: true, endDate: true },
        orderBy: [{ startDate: "asc" as const }, { description: "asc" as const }],
      },
    },
  },
} as const satisfies Prisma.ReferralInclude;

/**
 * The referral packet, assembled from the record with nothing retyped: for
 * the page and the PDF alike (one loader). Who may: referral.view
 * (administrators, coordinators of the student's school, the student's case
 * managers); anyone else, and an unknown or malformed id, gets 404 with a
 * `denied` event. Writes one audit event about the student: `view` for the
 * page, `export` for the PDF.
 *
 * A fixed number of statements whatever the record's size (two years of
 * plans and probes): the referral with the student, guardians, tiers and
 * accommodations; the case managers; the plans with phases, decisions and
 * interventionists; the decision makers' names; the student's dosage on
 * every plan; every goal's graph (goals, all their probes in one read, the
 * settings, the delivery); the clock; the checklist rules.
 */
export async function getReferralPacket(ctx: Ctx, unverifiedReferralId: string, audit: "view" | "export" = "view"): Promise<ReferralPacket> {
  await authorizePage(ctx, "referral.view", { entityType: "Referral" });
  const id = z.uuid().safeParse(unverifiedReferralId);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const referral = await findReferral(tx, ctx.districtId, id.data);
        if (!referral) return null;
        const managers = (await caseManagersOf(tx, ctx.districtId, [referral.studentId])).get(referral.studentId) ?? [];
        const access = referralAccess(ctx, { schoolId: referral.student.schoolId, caseManagerUserIds: managers });
        if (!access.view) return { denied: referral.studentId } as const;
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: audit,
          entityType: "Referral",
          entityId: referral.id,
          studentId: referral.studentId,
          detail: { page: audit === "export" ? "referral packet PDF" : "referral packet" },
        });
        return assemble(tx, ctx, referral, access.manage, audit === "export" ? "referral packet PDF" : "referral packet");
      })
    : null;
  if (!found || "denied" in found) {
    return pageNotFound(ctx, "referral.view", { entityType: "Referral", entityId: unverifiedReferralId.slice(0, 64), studentId: found?.denied ?? null });
  }
  return found;
}

type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;
const findReferral = (tx: Tx, districtId: string, id: string) => tx.referral.findFirst({ where: { id, districtId, archivedAt: null }, include: REFERRAL_INCLUDE });

/**
 * The packet of a referral the caller has found the user may keep
 * (referral.manage), inside the caller's transaction: what marking it final
 * judges. Null when the referral is gone.
 */
export async function packetForFinalIn(tx: Tx, ctx: Ctx, referralId: string): Promise<ReferralPacket | null> {
  const referral = await findReferral(tx, ctx.districtId, referralId);
  return referral ? assemble(tx, ctx, referral, true, null) : null;
}

/** `contactsShownOn`: where the contact log is shown (its view is audited), or null when it is not (judging the checklist). */
async function assemble(tx: Tx, ctx: Ctx, referral: ReferralRow, mayManage: boolean, contactsShownOn: string | null): Promise<ReferralPacket> {
  const districtId = ctx.districtId;
  const today = todayIso();
  const s = referral.student;

  const planRows = await tx.interventionPlan.findMany({
    where: { districtId, status: { in: [...STARTED] }, students: { some: { studentId: s.id } } },
    select: {
      id: true,
      area: true,
      status: true,
      startDate: true,
      reviewDate: true,
      endDate: true,
      statusReason: true,
      customIntervention: true,
      intervention: { select: { name: true } },
      interventionists: { select: { membership: { select: { user: { select: { name: true } } } } } },
      phases: {
        select: {
          number: true,
          startDate: true,
          customIntervention: true,
          intervention: { select: { name: true } },
          minutesPerSession: true,
          sessionsPerWeek: true,
          groupSize: true,
          interventionistNames: true,
          change: true,
        },
        orderBy: { number: "asc" },
      },
      events: { select: { kind: true, comment: true, actorUserId: true, createdAt: true }, orderBy: { createdAt: "asc" } },
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  // Who decided: one read for every plan's events and the packet's finaliser.
  const userIds = [...new Set([...planRows.flatMap((p) => p.events.map((e) => e.actorUserId)), ...(referral.packetFinalByUserId ? [referral.packetFinalByUserId] : [])])];
  const users = userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));

  const dosage = new Map((await studentDosageIn(tx, districtId, s.id, today)).map((d) => [d.plan.id, d.summary]));
  const graphs = await goalGraphsOfStudentIn(tx, districtId, s.id, { archivedAt: null, plan: { status: { in: [...STARTED] } } });
  const { clock, rules } = await clockAndPacketRulesIn(tx, districtId);
  // The checklist reads the log whoever looks (a fact about the record, not shown to anyone by it); the log itself only to those who may read it.
  const firstContact = await tx.guardianContact.findFirst({
    where: { districtId, studentId: s.id, contactedOn: { gte: referral.referredOn } },
    orderBy: [{ contactedOn: "asc" }, { createdAt: "asc" }],
    select: { contactedOn: true, method: true },
  });
  const contacts = contactsShownOn ? await guardianContactsIn(tx, ctx, { id: s.id, schoolId: s.schoolId }, contactsShownOn) : null;

  const plans = planRows.map((p): PacketPlan => {
    const goals = graphs.filter((g) => g.plan.id === p.id);
    const summary = dosage.get(p.id) ?? null;
    return {
      id: p.id,
      title: planTitleOf(p),
      area: p.area,
      status: p.status as PacketPlan["status"],
      startDate: toIsoDay(p.startDate),
      reviewDate: toIsoDay(p.reviewDate),
      endDate: p.endDate ? toIsoDay(p.endDate) : null,
      statusReason: p.statusReason,
      interventionists: p.interventionists.map((i) => i.membership.user.name).sort(),
      phases: p.phases.map((ph) => ({
        number: ph.number,
        startDate: toIsoDay(ph.startDate),
        title: planTitleOf(ph),
        minutesPerSession: ph.minutesPerSession,
        sessionsPerWeek: ph.sessionsPerWeek,
        groupSize: ph.groupSize,
        interventionists: ph.interventionistNames,
        change: ph.change?.trim() || null,
      })),
      decisions: p.events.map((e) => ({ date: e.createdAt.toISOString().slice(0, 10), kind: e.kind, comment: e.comment, by: nameOf.get(e.actorUserId) ?? "Unknown" })),
      dosage: summary && !summary.startsOn ? summary.periods.sinceStart : null,
      dataPoints: goals.reduce((n, g) => n + g.probes.filter((pr) => !pr.invalid).length, 0),
      goals,
    };
  });

  const view = referralViewOf(referral, clock, today);
  const readiness = packetReadiness(rules, {
    interventions: plans.map((p) => ({ title: p.title, dataPoints: p.dataPoints, fidelityPercent: p.dosage?.fidelityPercent ?? null })),
    guardianCount: s.guardians.length,
    guardiansInformedOn: view.consentRequestedOn ?? view.consentDate,
    guardiansContacted: firstContact ? { on: toIsoDay(firstContact.contactedOn), method: CONTACT_METHOD_PHRASE[firstContact.method] } : null,
  });

  return {
    today,
    referral: {
      ...view,
      final: referral.packetFinalAt
        ? { at: referral.packetFinalAt.toISOString(), by: nameOf.get(referral.packetFinalByUserId ?? "") ?? "Unknown", note: referral.packetFinalNote }
        : null,
    },
    student: {
      id: s.id,
      name: studentDisplayName(s),
      legalName: studentLegalNameIfOther(s),
      grade: s.grade,
      localId: s.localId,
      schoolName: s.school.name,
      // Null for a student a roster import created without one (decision 018).
      dateOfBirth: s.dateOfBirth ? toIsoDay(s.dateOfBirth) : null,
    },
    guardians: s.guardians,
    tiers: s.tiers.map((t) => ({ area: t.area, tier: t.tier, effectiveDate: toIsoDay(t.effectiveDate), reason: t.reason, decidedBy: t.decidedBy.name })),
    plans,
    accommodations: s.accommodations.map((a) => ({ description: a.description, source: a.source, startDate: toIsoDay(a.startDate), endDate: a.endDate ? toIsoDay(a.endDate) : null })),
    rules,
    readiness,
    contacts,
    mayFinalize: mayManage && view.status !== "OUTCOME",
  };
}
