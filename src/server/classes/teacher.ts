import "server-only";
import { can } from "@/domain/permissions";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { accommodationsToHonourIn, type AccommodationView } from "@/server/accommodations/queries";
import { studentListName } from "@/server/caseloads/names";
import { withTenant, type Tx } from "@/server/db/tenant";
import { classReach, studentsReach } from "@/server/reach";
import { currentTiersOf } from "@/server/tiers/queries";
import type { InterventionArea, TierLevel } from "@/server/tiers/schemas";
import { classIn, classStudentsIn, classSummariesIn, type ClassSummary } from "./roster";

/** The classes the teacher teaches now, inside the caller's transaction (the caller authorizes class.view). */
export async function myClassesIn(tx: Tx, ctx: Ctx): Promise<ClassSummary[]> {
  return classSummariesIn(tx, ctx, { teaching: true });
}

/** "My classes": the classes the teacher teaches, with how many students each has (no student named). */
export async function getMyClasses(ctx: Ctx): Promise<ClassSummary[]> {
  await authorizePage(ctx, "class.view", { entityType: "SchoolClass" });
  return withTenant(ctx.districtId, (tx) => myClassesIn(tx, ctx));
}

export interface RosterRow {
  id: string;
  name: string;
  localId: string;
  grade: string;
  tiers: { area: InterventionArea; tier: TierLevel }[] | null;
  /** On a daily report card now (only for those who see report cards). */
  onReportCard: boolean | null;
  accommodations: AccommodationView[] | null;
}

/**
 * One class and its roster: each current student with their tiers, whether
 * they are on a daily report card, and the accommodations to honour, each
 * only as far as the viewer may see it. A class the viewer does not teach is
 * not found (and logged); each student shown is logged as viewed.
 */
export async function getClassRoster(ctx: Ctx, unverifiedClassId: string) {
  await authorizePage(ctx, "class.view", { entityType: "SchoolClass" });
  const page = await withTenant(ctx.districtId, async (tx) => {
    const cls = await classIn(tx, ctx.districtId, unverifiedClassId);
    if (!cls) return null;
    if (!can(ctx, "class.view", await classReach(tx, ctx, cls))) return null;
    const all = await classStudentsIn(tx, ctx.districtId, cls.id);
    const reach = await studentsReach(tx, ctx, all);
    const students = all.filter((s) => can(ctx, "student.view", reach.get(s.id)!));
    const seesTiers = students.filter((s) => can(ctx, "tier.view", reach.get(s.id)!)).map((s) => s.id);
    const tiers = await currentTiersOf(tx, ctx.districtId, seesTiers);
    const accommodations = await accommodationsToHonourIn(tx, ctx, students);
    const seesCards = students.filter((s) => can(ctx, "cico.view", reach.get(s.id)!)).map((s) => s.id);
    const cards = new Set((await tx.cicoCard.findMany({ where: { districtId: ctx.districtId, studentId: { in: seesCards }, endedOn: null }, select: { studentId: true } })).map((c) => c.studentId));
    const rows: RosterRow[] = students.map((s) => ({
      id: s.id,
      name: studentListName(s),
      localId: s.localId,
      grade: s.grade,
      tiers: seesTiers.includes(s.id) ? (tiers.get(s.id) ?? []) : null,
      onReportCard: seesCards.includes(s.id) ? cards.has(s.id) : null,
      accommodations: accommodations.get(s.id) ?? null,
    }));
    await recordAudit(
      tx,
      ...rows.map((r) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "Student", entityId: r.id, studentId: r.id, detail: { page: "class-roster", classId: cls.id } })),
    );
    return {
      cls: { id: cls.id, title: cls.title, code: cls.classCode ?? cls.courseCode, periods: cls.periods, schoolName: cls.school.name },
      rows,
      may: {
        rateCards: can(ctx, "cico.rate", { districtId: ctx.districtId }),
        recordIncidents: can(ctx, "incident.record", { districtId: ctx.districtId }),
        enterScreening: can(ctx, "screening.enterClass", { districtId: ctx.districtId }),
      },
    };
  });
  if (!page) return pageNotFound(ctx, "class.view", { entityType: "SchoolClass", entityId: unverifiedClassId.slice(0, 64) });
  return page;
}
