import "server-only";
import { toIsoDay } from "@/domain/goals";
import { can, type Resource } from "@/domain/permissions";
import { recordAudit } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { studentReach } from "@/server/reach";
import { z } from "zod";
import { CONTACTS_SHOWN, type ContactMethod } from "./schemas";

export interface GuardianContactView {
  id: string;
  contactedOn: string;
  guardian: string;
  relationship: string;
  method: ContactMethod;
  interpreterUsed: boolean;
  interpreterLanguage: string | null;
  purpose: string;
  summary: string;
  followUp: string | null;
  loggedBy: string;
}

/**
 * The newest contacts with a student's family, or null when this user may
 * not read them (guardianContact.view on the student, caseload reach
 * included). A read writes a view audit event naming where it was shown.
 */
export async function guardianContactsIn(tx: Tx, ctx: Ctx, student: { id: string; schoolId: string }, where: string, resource?: Resource): Promise<GuardianContactView[] | null> {
  const reach = resource ?? (await studentReach(tx, ctx, student));
  if (!can(ctx, "guardianContact.view", reach)) return null;
  const rows = await tx.guardianContact.findMany({
    where: { districtId: ctx.districtId, studentId: student.id },
    orderBy: [{ contactedOn: "desc" }, { createdAt: "desc" }],
    take: CONTACTS_SHOWN,
    select: {
      id: true,
      contactedOn: true,
      guardianName: true,
      guardianRelationship: true,
      method: true,
      interpreterUsed: true,
      interpreterLanguage: true,
      purpose: true,
      summary: true,
      followUp: true,
      createdByUserId: true,
    },
  });
  const users = rows.length
    ? await tx.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdByUserId))] } }, select: { id: true, name: true } })
    : [];
  const name = new Map(users.map((u) => [u.id, u.name]));
  await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "GuardianContact", entityId: student.id, studentId: student.id, detail: { page: where, shown: rows.length } });
  return rows.map((r) => ({
    id: r.id,
    contactedOn: toIsoDay(r.contactedOn),
    guardian: r.guardianName,
    relationship: r.guardianRelationship,
    method: r.method,
    interpreterUsed: r.interpreterUsed,
    interpreterLanguage: r.interpreterLanguage,
    purpose: r.purpose,
    summary: r.summary,
    followUp: r.followUp,
    loggedBy: name.get(r.createdByUserId) ?? "Unknown",
  }));
}

/** For a meeting's turn: the contacts, when this user may read them (the meeting already checked the student is on its agenda). */
export function guardianContactsForTurnIn(tx: Tx, ctx: Ctx, studentId: string, schoolId: string) {
  return guardianContactsIn(tx, ctx, { id: studentId, schoolId }, "meeting turn");
}

/**
 * The record's section: the contacts, the student's guardians to choose from
 * and whether this user may log one; null when the user may not read them
 * (the section is then left out) or the student is not theirs to see.
 */
export async function getStudentGuardianContacts(ctx: Ctx, unverifiedStudentId: string) {
  const id = z.uuid().safeParse(unverifiedStudentId);
  if (!id.success) return null;
  return withTenant(ctx.districtId, async (tx) => {
    const student = await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } });
    if (!student) return null;
    const reach = await studentReach(tx, ctx, student);
    const contacts = await guardianContactsIn(tx, ctx, student, "student record", reach);
    if (!contacts) return null;
    const mayLog = can(ctx, "guardianContact.log", reach) && !student.archivedAt;
    const guardians = mayLog
      ? await tx.guardian.findMany({ where: { districtId: ctx.districtId, studentId: student.id }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, relationship: true, preferredLanguage: true } })
      : [];
    return { studentId: student.id, contacts, mayLog, guardians };
  });
}
export type StudentGuardianContacts = NonNullable<Awaited<ReturnType<typeof getStudentGuardianContacts>>>;
