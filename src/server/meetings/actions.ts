"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay } from "@/domain/goals";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError } from "@/server/errors";
import { applyDecisionIn } from "./decisions";
import { agendaItemIn, MEETING_TARGET, meetingFor, staffOfSchoolIn, type MeetingRow } from "./queries";
import {
  AGENDA_ARRAY_FIELDS,
  ATTENDANCE_ARRAY_FIELDS,
  ZActionItemInput,
  ZActionItemStatusInput,
  ZAddToAgendaInput,
  ZAttendanceInput,
  ZDecisionInput,
  ZInviteInput,
  ZMinutesInput,
  ZScheduleMeetingInput,
} from "./schemas";

const audit = (tx: Tx, ctx: Ctx, action: "create" | "update", entityType: string, entityId: string, studentId: string | null, detail: Record<string, string | number | boolean | null | string[]>) =>
  recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action, entityType, entityId, studentId, detail });

const revalidateMeeting = (meetingId: string) => {
  revalidatePath(`/meetings/${meetingId}`, "layout");
  revalidatePath("/meetings");
};

/** A coordinator schedules a meeting at one of their schools, then opens it to invite and build the agenda. */
export async function scheduleMeeting(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("scheduleMeeting", ZScheduleMeetingInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "meeting.manage", MEETING_TARGET);
    return withTenant(ctx.districtId, async (tx) => {
      const school = await tx.school.findFirst({ where: { id: input.unverifiedSchoolId, districtId: ctx.districtId, archivedAt: null }, select: { id: true } });
      if (!school || (ctx.schoolIds.length && !ctx.schoolIds.includes(school.id))) throw fieldError("unverifiedSchoolId", "Choose one of your schools from the list.");
      const m = await tx.meeting.create({
        data: { districtId: ctx.districtId, schoolId: school.id, kind: input.kind, date: dateOfDay(input.date), nextMeetingDate: input.nextMeetingDate ? dateOfDay(input.nextMeetingDate) : null, createdByUserId: ctx.userId },
        select: { id: true },
      });
      await audit(tx, ctx, "create", "Meeting", m.id, null, { kind: input.kind, date: input.date });
      return m.id;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/meetings");
  redirect(`/meetings/${result.data}`);
}

/** Invites staff of the meeting's school, or names a guardian or outside provider (no account: they only appear on the meeting and its recap). */
export async function inviteToMeeting(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("inviteToMeeting", ZInviteInput, formToObject(form), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const meeting = await meetingFor(tx, ctx, input.unverifiedMeetingId);
      let name = input.name ?? "";
      if (input.kind === "STAFF") {
        const staff = (await staffOfSchoolIn(tx, ctx.districtId, meeting.schoolId)).find((s) => s.id === input.unverifiedMembershipId);
        if (!staff) throw fieldError("unverifiedMembershipId", `Choose a staff member of ${meeting.schoolName} from the list.`);
        const already = await tx.meetingAttendee.findFirst({ where: { districtId: ctx.districtId, meetingId: meeting.id, membershipId: staff.id }, select: { id: true } });
        if (already) throw fieldError("unverifiedMembershipId", `${staff.user.name} is already invited.`);
        name = staff.user.name;
      }
      const row = await tx.meetingAttendee.create({
        data: { districtId: ctx.districtId, meetingId: meeting.id, kind: input.kind, membershipId: input.kind === "STAFF" ? input.unverifiedMembershipId : null, name, role: input.role },
        select: { id: true },
      });
      await audit(tx, ctx, "create", "MeetingAttendee", row.id, null, { meetingId: meeting.id, kind: input.kind });
      return { meetingId: meeting.id, name };
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  revalidateMeeting(result.data.meetingId);
  return { ok: true, message: `${result.data.name} is invited.` };
}

/** Attendance: the ticked invitees were present, the others absent. */
export async function takeAttendance(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("takeAttendance", ZAttendanceInput, formToObject(form, ATTENDANCE_ARRAY_FIELDS), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const meeting = await meetingFor(tx, ctx, input.unverifiedMeetingId);
      const invited = await tx.meetingAttendee.findMany({ where: { districtId: ctx.districtId, meetingId: meeting.id }, select: { id: true } });
      const ids = new Set(invited.map((a) => a.id));
      if (input.present.some((id) => !ids.has(id))) throw fieldError("present", "Tick people invited to this meeting.");
      await tx.meetingAttendee.updateMany({ where: { districtId: ctx.districtId, meetingId: meeting.id, id: { in: input.present } }, data: { present: true } });
      await tx.meetingAttendee.updateMany({ where: { districtId: ctx.districtId, meetingId: meeting.id, id: { notIn: input.present } }, data: { present: false } });
      await audit(tx, ctx, "update", "Meeting", meeting.id, null, { attendance: input.present.length });
      return { meetingId: meeting.id, present: input.present.length, of: ids.size };
    }),
  );
  if (!result.ok) return withSubmitted(result, form, ATTENDANCE_ARRAY_FIELDS);
  revalidateMeeting(result.data.meetingId);
  return { ok: true, message: `Attendance saved: ${result.data.present} of ${result.data.of} present.` };
}

/** Puts students of the meeting's school on its agenda, after those already there. */
export async function addToAgenda(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("addToAgenda", ZAddToAgendaInput, formToObject(form, AGENDA_ARRAY_FIELDS), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const meeting = await meetingFor(tx, ctx, input.unverifiedMeetingId);
      const students = await tx.student.findMany({ where: { districtId: ctx.districtId, id: { in: input.unverifiedStudentIds } }, select: { id: true, schoolId: true, archivedAt: true } });
      for (const id of input.unverifiedStudentIds) {
        const s = students.find((x) => x.id === id);
        if (!s) throw new DeniedError("meeting.manage", { entityType: "Student", entityId: id });
        if (s.schoolId !== meeting.schoolId || s.archivedAt) throw fieldError("unverifiedStudentIds", `Choose students of ${meeting.schoolName} from the lists.`);
      }
      const existing = await tx.meetingStudent.findMany({ where: { districtId: ctx.districtId, meetingId: meeting.id }, select: { studentId: true, position: true } });
      const on = new Set(existing.map((e) => e.studentId));
      let position = Math.max(0, ...existing.map((e) => e.position));
      const added = input.unverifiedStudentIds.filter((id) => !on.has(id));
      await tx.meetingStudent.createMany({ data: added.map((studentId) => ({ districtId: ctx.districtId, meetingId: meeting.id, studentId, position: ++position, source: input.source })) });
      await recordAudit(tx, ...added.map((studentId) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "update" as const, entityType: "Meeting", entityId: meeting.id, studentId, detail: { agenda: input.source } })));
      return { meetingId: meeting.id, added: added.length };
    }),
  );
  if (!result.ok) return withSubmitted(result, form, AGENDA_ARRAY_FIELDS);
  revalidateMeeting(result.data.meetingId);
  return { ok: true, message: result.data.added ? `${result.data.added} added to the agenda.` : "They were already on the agenda." };
}

async function agendaStudent(tx: Tx, ctx: Ctx, meeting: MeetingRow, unverifiedStudentId: string) {
  const item = await agendaItemIn(tx, ctx, meeting, unverifiedStudentId);
  if (!item) throw new AppError("INVALID_INPUT", "This student is not on the meeting's agenda.");
  return item;
}

/** The minutes of one student's turn (replaced as typed; the audit keeps who saved when). */
export async function saveMinutes(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("saveMinutes", ZMinutesInput, formToObject(form), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const meeting = await meetingFor(tx, ctx, input.unverifiedMeetingId);
      const item = await agendaStudent(tx, ctx, meeting, input.unverifiedStudentId);
      await tx.meetingStudent.update({ where: { districtId_meetingId_studentId: { districtId: ctx.districtId, meetingId: meeting.id, studentId: item.studentId } }, data: { minutes: input.minutes } });
      await audit(tx, ctx, "update", "Meeting", meeting.id, item.studentId, { fields: ["minutes"] });
      return meeting.id;
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  revalidateMeeting(result.data);
  return { ok: true, message: "Minutes saved." };
}

/** Records a decision and applies it in the same transaction (decisions.ts). A repeated submission says it was already applied. */
export async function recordDecision(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("recordDecision", ZDecisionInput, formToObject(form), (ctx, input) => withTenant(ctx.districtId, (tx) => applyDecisionIn(tx, ctx, input)));
  if (!result.ok) return withSubmitted(result, form);
  revalidateMeeting(result.data.meetingId);
  revalidatePath(`/students/${result.data.studentId}`);
  return { ok: true, message: result.data.applied ? `Applied: ${result.data.sentence}` : `Already applied: ${result.data.sentence}` };
}

/** An action item with an owner (staff of the school) and a due date not before the meeting. */
export async function addActionItem(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("addActionItem", ZActionItemInput, formToObject(form), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const meeting = await meetingFor(tx, ctx, input.unverifiedMeetingId);
      const studentId = input.unverifiedStudentId ? (await agendaStudent(tx, ctx, meeting, input.unverifiedStudentId)).studentId : null;
      const owner = (await staffOfSchoolIn(tx, ctx.districtId, meeting.schoolId)).find((s) => s.id === input.unverifiedOwnerId);
      if (!owner) throw fieldError("unverifiedOwnerId", `Choose the owner from the staff of ${meeting.schoolName}.`);
      if (input.dueDate < meeting.date) throw fieldError("dueDate", "The due date cannot be before the meeting.");
      const row = await tx.meetingActionItem.create({
        data: { districtId: ctx.districtId, meetingId: meeting.id, studentId, ownerMembershipId: owner.id, description: input.description, dueDate: dateOfDay(input.dueDate), createdByUserId: ctx.userId },
        select: { id: true },
      });
      await audit(tx, ctx, "create", "MeetingActionItem", row.id, studentId, { meetingId: meeting.id, dueDate: input.dueDate });
      return { meetingId: meeting.id, owner: owner.user.name };
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  revalidateMeeting(result.data.meetingId);
  revalidatePath("/");
  return { ok: true, message: `Action item added for ${result.data.owner}.` };
}

/** Done or dropped: by its owner (from their home) or whoever runs the meeting's school. */
export async function setActionItemStatus(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("setActionItemStatus", ZActionItemStatusInput, formToObject(form), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const target = { entityType: "MeetingActionItem", entityId: input.unverifiedActionItemId.slice(0, 64) };
      const id = z.uuid().safeParse(input.unverifiedActionItemId);
      const item = id.success
        ? await tx.meetingActionItem.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, meetingId: true, studentId: true, ownerMembershipId: true, meeting: { select: { schoolId: true } } } })
        : null;
      if (!item) throw new DeniedError("meeting.manage", target);
      if (item.ownerMembershipId !== ctx.membershipId) authorizeAction(ctx, "meeting.manage", { ...target, schoolId: item.meeting.schoolId });
      await tx.meetingActionItem.update({ where: { id: item.id }, data: { status: input.status } });
      await audit(tx, ctx, "update", "MeetingActionItem", item.id, item.studentId, { status: input.status });
      return item.meetingId;
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  revalidateMeeting(result.data);
  revalidatePath("/");
  return { ok: true, message: "Action item updated." };
}
