import "server-only";
import { z } from "zod";
import { can, type Resource } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { planReach, studentReach } from "@/server/reach";

// Who may see, rate and set up a daily report card (decision 014). A card is
// part of a plan, so it is reached as its plan is for its student
// (src/server/reach planReach, like a goal): by the plan's interventionists
// while it is open, by the student's caseload, and by school and district
// grants; never through the student's other plans. Unknown, malformed,
// another district's or out-of-reach ids all throw DeniedError (404 and a
// `denied` audit event), so nobody learns that a card exists.

export type CicoAction = "cico.view" | "cico.rate" | "cico.manage";
export const CICO_ACTIONS = ["cico.view", "cico.rate", "cico.manage"] as const satisfies readonly CicoAction[];

/** A card's reach: its plan's, for its student (one statement for caseload-scoped roles, none otherwise). */
export function cardReach(tx: Tx, ctx: Ctx, card: { planId: string; studentId: string; plan: { schoolId: string } }): Promise<Resource> {
  return planReach(tx, ctx, CICO_ACTIONS, { id: card.planId, schoolId: card.plan.schoolId }, card.studentId);
}

const target = (entityType: string, unverifiedId: string, studentId: string | null = null) => ({ entityType, entityId: unverifiedId.slice(0, 64), studentId });

/** What the user may do with a student's cards, from the student's reach. */
export function cicoPermissions(ctx: Ctx, resource: Resource, archived: boolean) {
  return {
    view: can(ctx, "cico.view", resource),
    rate: !archived && can(ctx, "cico.rate", resource),
    manage: !archived && can(ctx, "cico.manage", resource),
  };
}
export type CicoPermissions = ReturnType<typeof cicoPermissions>;

const CARD_SELECT = {
  id: true,
  districtId: true,
  studentId: true,
  planId: true,
  goalId: true,
  expectations: true,
  periods: true,
  scaleMax: true,
  goalPercent: true,
  startedOn: true,
  endedOn: true,
  version: true,
  goal: { select: { measureId: true } },
  plan: { select: { schoolId: true } },
  student: { select: { schoolId: true, archivedAt: true, legalFirstName: true, legalLastName: true, preferredName: true } },
} as const;

/**
 * A card the user may `attempted` (view, rate or set up), with what else they
 * may do with it; otherwise DeniedError. Ended cards are seen, not changed.
 */
export async function visibleCard(tx: Tx, ctx: Ctx, unverifiedCardId: string, attempted: CicoAction) {
  const id = z.uuid().safeParse(unverifiedCardId);
  const card = id.success ? await tx.cicoCard.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: CARD_SELECT }) : null;
  if (!card) throw new DeniedError(attempted, target("CicoCard", unverifiedCardId));
  const resource = await cardReach(tx, ctx, card);
  const may = cicoPermissions(ctx, resource, Boolean(card.student.archivedAt));
  const allowed = attempted === "cico.view" ? may.view : attempted === "cico.rate" ? may.rate : may.manage;
  if (!allowed) {
    // An archived student's card is refused with the reason when the user would otherwise have been allowed.
    if (card.student.archivedAt && can(ctx, attempted, resource)) throw new AppError("INVALID_INPUT", "This student is archived. Restore them first.");
    throw new DeniedError(attempted, target("CicoCard", card.id, card.studentId));
  }
  if (attempted !== "cico.view" && card.endedOn) throw new AppError("INVALID_INPUT", "This card has ended: it is kept as it was. Start a new card to go on.");
  return { card, may };
}
export type VisibleCard = Awaited<ReturnType<typeof visibleCard>>["card"];

/** A student the user may start a card for (cico.manage): in the district, within reach, not archived. */
export async function studentForCard(tx: Tx, ctx: Ctx, unverifiedStudentId: string) {
  const id = z.uuid().safeParse(unverifiedStudentId);
  const row = id.success
    ? await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true, legalFirstName: true, legalLastName: true, preferredName: true, school: { select: { level: true } } } })
    : null;
  if (!row) throw new DeniedError("cico.manage", target("Student", unverifiedStudentId));
  if (!can(ctx, "cico.manage", await studentReach(tx, ctx, row))) throw new DeniedError("cico.manage", target("Student", row.id, row.id));
  if (row.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived. Restore them first.");
  return row;
}
