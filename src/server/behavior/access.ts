import "server-only";
import { z } from "zod";
import { can, type Resource } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { cicoPermissions } from "@/server/cico/access";
import { studentReach, studentsReach } from "@/server/reach";

// Who may do what with behaviour records, one function per kind of object, so
// that the reach rules can move to a shared module (src/server/reach) in one
// place each. Unknown, malformed, another district's or out-of-reach ids all
// throw DeniedError (404 and a `denied` audit event).

const target = (entityType: string, unverifiedId: string, studentId: string | null = null) => ({ entityType, entityId: unverifiedId.slice(0, 64), studentId });

/**
 * The students a new incident names, if the user may record incidents for
 * each of them (incident.record: a student of the user's own school). One
 * outside the user's schools refuses the whole report, with a message that
 * says so; archived students are refused too.
 */
export async function studentsForIncident(tx: Tx, ctx: Ctx, unverifiedStudentIds: readonly string[]) {
  const ids = unverifiedStudentIds.map((u) => z.uuid().safeParse(u));
  const bad = unverifiedStudentIds.find((_, i) => !ids[i]!.success);
  if (bad !== undefined) throw new DeniedError("incident.record", target("Student", bad), "We could not find one of those students at your school. Nothing was saved.");
  const valid = ids.map((r) => r.data!);
  const rows = await tx.student.findMany({ where: { districtId: ctx.districtId, id: { in: valid } }, select: { id: true, schoolId: true, archivedAt: true, legalFirstName: true, preferredName: true } });
  // The student's reach too: a teacher records incidents only for the students of their classes (decision 020).
  const reach = await studentsReach(tx, ctx, rows);
  for (const id of valid) {
    const row = rows.find((r) => r.id === id);
    if (!row || !can(ctx, "incident.record", reach.get(row.id)!)) {
      throw new DeniedError("incident.record", target("Student", id, row?.id ?? null), "We could not find one of those students at your school: you can record incidents only for students of your school. Nothing was saved.");
    }
    if (row.archivedAt) throw new AppError("INVALID_INPUT", "One of those students is archived. Restore them before recording an incident.");
  }
  return rows;
}

/** What the user may do with one incident (the caller has found it in the district). */
export async function incidentPermissions(tx: Tx, ctx: Ctx, incident: { studentId: string; schoolId: string; reportedByUserId: string }) {
  const resource = await studentReach(tx, ctx, { id: incident.studentId, schoolId: incident.schoolId });
  const own = incident.reportedByUserId === ctx.userId;
  const record = can(ctx, "incident.record", resource);
  const review = can(ctx, "incident.review", resource);
  return {
    // A reporter sees what they reported even for a student they do not otherwise serve.
    view: can(ctx, "incident.view", resource) || (own && record),
    // Notes may be about other students: only those with the grant, and the reporter.
    notes: can(ctx, "incident.viewNotes", resource) || own,
    correct: (own && record) || review,
    review,
  };
}

/**
 * One incident the user may see, with what they may do with it; otherwise
 * DeniedError under `attempted`.
 */
export async function visibleIncident(tx: Tx, ctx: Ctx, unverifiedIncidentId: string, attempted: "incident.view" | "incident.record" | "incident.review" = "incident.view") {
  const id = z.uuid().safeParse(unverifiedIncidentId);
  const row = id.success ? await tx.incident.findFirst({ where: { id: id.data, districtId: ctx.districtId } }) : null;
  if (!row) throw new DeniedError(attempted, target("Incident", unverifiedIncidentId));
  const may = await incidentPermissions(tx, ctx, row);
  if (!may.view) throw new DeniedError(attempted, target("Incident", row.id, row.studentId));
  return { row, may };
}

/**
 * A student the user may write ABC records (abc.record) or FBAs and BIPs
 * (fba.write) for: in the district, within the grant's reach, not archived.
 */
export async function studentForBehaviorWrite(tx: Tx, ctx: Ctx, unverifiedStudentId: string, action: "abc.record" | "fba.write") {
  const id = z.uuid().safeParse(unverifiedStudentId);
  const row = id.success ? await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } }) : null;
  if (!row) throw new DeniedError(action, target("Student", unverifiedStudentId));
  if (!can(ctx, action, await studentReach(tx, ctx, row))) throw new DeniedError(action, target("Student", row.id, row.id));
  if (row.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived. Restore them first.");
  return row;
}

/** An FBA the user may see (fba.view), with whether they may change it (fba.write); otherwise DeniedError. */
export async function visibleFba(tx: Tx, ctx: Ctx, unverifiedFbaId: string, attempted: "fba.view" | "fba.write") {
  const id = z.uuid().safeParse(unverifiedFbaId);
  const row = id.success ? await tx.fba.findFirst({ where: { id: id.data, districtId: ctx.districtId }, include: { student: { select: { schoolId: true, archivedAt: true } } } }) : null;
  if (!row) throw new DeniedError(attempted, target("Fba", unverifiedFbaId));
  const resource = await studentReach(tx, ctx, { id: row.studentId, schoolId: row.student.schoolId });
  const may = { view: can(ctx, "fba.view", resource), write: can(ctx, "fba.write", resource) && !row.student.archivedAt };
  if (!may.view || (attempted === "fba.write" && !may.write)) throw new DeniedError(attempted, target("Fba", row.id, row.studentId));
  return { row, may };
}

/** What the user may see and do of a student's ABC records, FBAs and BIPs. */
export async function studentPlanAccess(tx: Tx, ctx: Ctx, student: { id: string; schoolId: string; archivedAt: Date | null }, reached?: Resource) {
  const resource = reached ?? (await studentReach(tx, ctx, student));
  const open = !student.archivedAt;
  return {
    recordAbc: open && can(ctx, "abc.record", resource),
    viewFba: can(ctx, "fba.view", resource),
    writeFba: open && can(ctx, "fba.write", resource),
    viewBip: can(ctx, "bip.view", resource),
    // Daily report cards (CICO) read the same reach: no statement more on the profile.
    cico: cicoPermissions(ctx, resource, !open),
  };
}
