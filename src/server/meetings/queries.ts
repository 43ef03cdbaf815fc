import "server-only";
import { z } from "zod";
import { decisionSentence, actionItemSentence, isOverdue, type ActionItemStatus, type AgendaSource, type AttendeeKind, type DecisionFacts, type MeetingKind } from "@/domain/meetings";
import { toIsoDay } from "@/domain/goals";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction, authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { byStudentName, STUDENT_NAME_SELECT, studentDisplayName, studentListName } from "@/server/caseloads/names";
import { schoolOptionsIn, workingIn } from "@/server/caseloads/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import { planTitleOf, dosageText } from "@/server/plans/schemas";
import { INTERVENTIONIST_ROLES } from "@/server/plans/queries";
import { libraryOptionsIn } from "@/server/interventions/queries";
import { guardianContactsForTurnIn } from "@/server/guardian-contacts/queries";
import { goalGraphsOfStudentIn } from "@/server/progress/graph";
import { needsReviewIn } from "@/server/progress/review";
import { todayIso } from "@/server/students/schemas";
import { tiersOf } from "@/server/tiers/queries";

export const MEETING_TARGET = { entityType: "Meeting" } as const;

const MEETING_SELECT = {
  id: true,
  schoolId: true,
  kind: true,
  date: true,
  nextMeetingDate: true,
  version: true,
  school: { select: { name: true } },
} as const;

export interface MeetingRow {
  id: string;
  schoolId: string;
  schoolName: string;
  kind: MeetingKind;
  date: string;
  nextMeetingDate: string | null;
}

/**
 * The meeting behind an id from the browser, if the user runs meetings of its
 * school (meeting.manage); unknown, malformed, another district's or another
 * school's ids are a DeniedError (404 and a `denied` event).
 */
export async function meetingFor(tx: Tx, ctx: Ctx, unverifiedMeetingId: string): Promise<MeetingRow> {
  const target = { ...MEETING_TARGET, entityId: unverifiedMeetingId.slice(0, 64) };
  authorizeAction(ctx, "meeting.manage", target);
  const id = z.uuid().safeParse(unverifiedMeetingId);
  const m = id.success ? await tx.meeting.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: MEETING_SELECT }) : null;
  if (!m) throw new DeniedError("meeting.manage", target);
  authorizeAction(ctx, "meeting.manage", { ...target, schoolId: m.schoolId });
  return { id: m.id, schoolId: m.schoolId, schoolName: m.school.name, kind: m.kind, date: toIsoDay(m.date), nextMeetingDate: m.nextMeetingDate ? toIsoDay(m.nextMeetingDate) : null };
}

/** A page about one meeting: 404 and a denied audit event unless the user runs meetings of its school. */
async function withMeetingPage<T>(ctx: Ctx, unverifiedMeetingId: string, fn: (tx: Tx, meeting: MeetingRow) => Promise<T>): Promise<T> {
  await authorizePage(ctx, "meeting.manage", MEETING_TARGET);
  try {
    return await withTenant(ctx.districtId, async (tx) => fn(tx, await meetingFor(tx, ctx, unverifiedMeetingId)));
  } catch (error) {
    if (error instanceof DeniedError) return pageNotFound(ctx, "meeting.manage", error.target);
    throw error;
  }
}

/** The agenda item of a student of the meeting, or null (a student not on the agenda). */
export async function agendaItemIn(tx: Tx, ctx: Ctx, meeting: MeetingRow, unverifiedStudentId: string) {
  const id = z.uuid().safeParse(unverifiedStudentId);
  if (!id.success) return null;
  return tx.meetingStudent.findUnique({
    where: { districtId_meetingId_studentId: { districtId: ctx.districtId, meetingId: meeting.id, studentId: id.data } },
    select: { studentId: true, position: true, source: true, minutes: true, student: { select: { id: true, schoolId: true, archivedAt: true, ...STUDENT_NAME_SELECT } } },
  });
}

/** Staff of the meeting's school who may be invited or own an action item. */
export function staffOfSchoolIn(tx: Tx, districtId: string, schoolId: string) {
  return tx.membership.findMany({
    where: { districtId, deactivatedAt: null, ...workingIn([schoolId]) },
    select: { id: true, role: true, user: { select: { name: true } } },
    orderBy: { user: { name: "asc" } },
  });
}

/** Open action items of a set of meetings with their owners' names. */
async function actionItemsIn(tx: Tx, districtId: string, where: { meetingId?: string; ownerMembershipId?: string; schoolIds?: readonly string[] | null; status?: ActionItemStatus }) {
  const rows = await tx.meetingActionItem.findMany({
    where: {
      districtId,
      ...(where.meetingId ? { meetingId: where.meetingId } : {}),
      ...(where.ownerMembershipId ? { ownerMembershipId: where.ownerMembershipId } : {}),
      ...(where.status ? { status: where.status } : {}),
      ...(where.schoolIds ? { meeting: { schoolId: { in: [...where.schoolIds] } } } : {}),
    },
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    select: { id: true, meetingId: true, studentId: true, ownerMembershipId: true, description: true, dueDate: true, status: true, meeting: { select: { date: true, school: { select: { name: true } } } } },
    take: 200,
  });
  const owners = await tx.membership.findMany({ where: { districtId, id: { in: [...new Set(rows.map((r) => r.ownerMembershipId))] } }, select: { id: true, user: { select: { name: true } } } });
  const ownerName = new Map(owners.map((o) => [o.id, o.user.name]));
  const today = todayIso();
  return rows.map((r) => {
    const item = { owner: ownerName.get(r.ownerMembershipId) ?? "Someone who left", description: r.description, dueDate: toIsoDay(r.dueDate), status: r.status };
    return { ...item, id: r.id, meetingId: r.meetingId, studentId: r.studentId, meetingDate: toIsoDay(r.meeting.date), schoolName: r.meeting.school.name, sentence: actionItemSentence(item), overdue: isOverdue(item, today) };
  });
}
export type ActionItemView = Awaited<ReturnType<typeof actionItemsIn>>[number];

/** The signed-in person's open action items, for their home (any role may own one). */
export function myActionItemsIn(tx: Tx, ctx: Ctx) {
  return actionItemsIn(tx, ctx.districtId, { ownerMembershipId: ctx.membershipId, status: "OPEN" });
}

/** The meetings list: the user's schools' meetings, newest first, with the overdue action items and the schedule form's schools. */
export async function getMeetingList(ctx: Ctx) {
  await authorizePage(ctx, "meeting.manage", MEETING_TARGET);
  return withTenant(ctx.districtId, async (tx) => {
    const scope = ctx.schoolIds.length ? ctx.schoolIds : null;
    const meetings = await tx.meeting.findMany({
      where: { districtId: ctx.districtId, ...(scope ? { schoolId: { in: scope } } : {}) },
      orderBy: [{ date: "desc" }, { createdAt: "desc" }],
      take: 100,
      select: { ...MEETING_SELECT, _count: { select: { students: true } } },
    });
    const open = await actionItemsIn(tx, ctx.districtId, { schoolIds: scope, status: "OPEN" });
    return {
      meetings: meetings.map((m) => ({ id: m.id, kind: m.kind, date: toIsoDay(m.date), schoolName: m.school.name, students: m._count.students })),
      overdue: open.filter((a) => a.overdue),
      schools: await schoolOptionsIn(tx, ctx),
      today: todayIso(),
    };
  });
}

/** Active plans of the school due for review by a week after the meeting: a source of the agenda. */
async function dueForReviewIn(tx: Tx, districtId: string, meeting: MeetingRow) {
  const by = new Date(`${meeting.date}T00:00:00Z`);
  by.setUTCDate(by.getUTCDate() + 7);
  const plans = await tx.interventionPlan.findMany({
    where: { districtId, schoolId: meeting.schoolId, status: "ACTIVE", reviewDate: { lte: by } },
    select: { reviewDate: true, students: { select: { student: { select: { id: true, archivedAt: true, ...STUDENT_NAME_SELECT } } } } },
  });
  const out = new Map<string, { id: string; name: string; reviewDate: string }>();
  for (const p of plans)
    for (const { student } of p.students) if (!student.archivedAt && !out.has(student.id)) out.set(student.id, { id: student.id, name: studentListName(student), reviewDate: toIsoDay(p.reviewDate) });
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/**
 * The meeting's page, run on the room's screen: the agenda (each student's
 * decisions and whether minutes were taken, linking to their turn),
 * invitations and attendance. Audited as a view of each student on the
 * agenda. The lists the agenda is built from are a page of their own
 * (getMeetingAgendaSources): they name other students of the school and cost
 * the school's needs-review rules, neither of which the meeting needs on
 * every step through it (docs/decisions/046-meeting-page-cost.md).
 */
export async function getMeetingPage(ctx: Ctx, unverifiedMeetingId: string) {
  return withMeetingPage(ctx, unverifiedMeetingId, async (tx, meeting) => {
    const d = ctx.districtId;
    const [attendees, agenda, staff, decisions] = await Promise.all([
      tx.meetingAttendee.findMany({ where: { districtId: d, meetingId: meeting.id }, orderBy: [{ kind: "asc" }, { name: "asc" }], select: { id: true, kind: true, name: true, role: true, present: true } }),
      tx.meetingStudent.findMany({ where: { districtId: d, meetingId: meeting.id }, orderBy: { position: "asc" }, select: { studentId: true, source: true, minutes: true, student: { select: STUDENT_NAME_SELECT } } }),
      staffOfSchoolIn(tx, d, meeting.schoolId),
      tx.meetingDecision.groupBy({ by: ["studentId"], where: { districtId: d, meetingId: meeting.id }, _count: true }),
    ]);
    const decided = new Map(decisions.map((x) => [x.studentId, x._count]));
    if (agenda.length) {
      await recordAudit(tx, ...agenda.map((a) => ({ districtId: d, actorUserId: ctx.userId, action: "view" as const, entityType: "Meeting", entityId: meeting.id, studentId: a.studentId, detail: { page: "meeting" } })));
    }
    return {
      meeting,
      attendees: attendees.map((a) => ({ ...a, kind: a.kind as AttendeeKind })),
      agenda: agenda.map((a) => ({ studentId: a.studentId, name: studentDisplayName(a.student), source: a.source as AgendaSource, hasMinutes: Boolean(a.minutes), decisions: decided.get(a.studentId) ?? 0 })),
      staff: staff.map((s) => ({ id: s.id, name: s.user.name, role: s.role })),
    };
  });
}

/**
 * Where the agenda is built from, for students not on it yet: the school's
 * goals that need review (with the rules' reasons), its plans due for review
 * by a week after the meeting, and any student of the school. Audited as a
 * view of the meeting's agenda lists (the needs-review list it draws on is
 * not a view of one student's record either).
 */
export async function getMeetingAgendaSources(ctx: Ctx, unverifiedMeetingId: string) {
  return withMeetingPage(ctx, unverifiedMeetingId, async (tx, meeting) => {
    const d = ctx.districtId;
    const [agenda, review, due, students] = await Promise.all([
      tx.meetingStudent.findMany({ where: { districtId: d, meetingId: meeting.id }, select: { studentId: true } }),
      needsReviewIn(tx, ctx, { schoolIds: [meeting.schoolId], pageSize: 200 }),
      dueForReviewIn(tx, d, meeting),
      tx.student.findMany({ where: { districtId: d, schoolId: meeting.schoolId, archivedAt: null }, select: { id: true, ...STUDENT_NAME_SELECT } }),
    ]);
    const onAgenda = new Set(agenda.map((a) => a.studentId));
    const reviewStudents = new Map<string, { id: string; name: string; reasons: string[] }>();
    for (const r of review.rows) {
      if (onAgenda.has(r.studentId)) continue;
      const s = reviewStudents.get(r.studentId) ?? { id: r.studentId, name: r.studentName, reasons: [] };
      s.reasons.push(`${r.measureName}: ${r.rule ? r.rule.title.toLowerCase() : "probe overdue"}`);
      reviewStudents.set(r.studentId, s);
    }
    await recordAudit(tx, { districtId: d, actorUserId: ctx.userId, action: "view", entityType: "Meeting", entityId: meeting.id, studentId: null, detail: { page: "meeting agenda lists" } });
    return {
      meeting,
      onAgenda: onAgenda.size,
      fromReview: [...reviewStudents.values()],
      fromDue: due.filter((s) => !onAgenda.has(s.id)),
      others: students.filter((s) => !onAgenda.has(s.id)).sort(byStudentName).map((s) => ({ id: s.id, name: studentListName(s) })),
    };
  });
}

/** The plans a decision can be about: the student's open plans, with their version for the optimistic check. */
async function openPlansOfIn(tx: Tx, districtId: string, studentId: string) {
  const plans = await tx.interventionPlan.findMany({
    where: { districtId, status: { in: ["ACTIVE", "DRAFT"] }, students: { some: { studentId } } },
    orderBy: { startDate: "asc" },
    select: {
      id: true,
      area: true,
      status: true,
      version: true,
      minutesPerSession: true,
      sessionsPerWeek: true,
      groupSize: true,
      reviewDate: true,
      customIntervention: true,
      intervention: { select: { name: true } },
      interventionists: { select: { membership: { select: { user: { select: { name: true } } } } } },
    },
  });
  return plans.map((p) => ({
    id: p.id,
    title: planTitleOf(p),
    area: p.area,
    status: p.status,
    version: p.version,
    minutesPerSession: p.minutesPerSession,
    sessionsPerWeek: p.sessionsPerWeek,
    dosage: dosageText(p),
    reviewDate: toIsoDay(p.reviewDate),
    interventionists: p.interventionists.map((i) => i.membership.user.name).sort(),
  }));
}

/** The decisions of a meeting (optionally one student's) with their recap sentences. */
export async function decisionsIn(tx: Tx, districtId: string, meetingId: string, studentId?: string) {
  const rows = await tx.meetingDecision.findMany({
    where: { districtId, meetingId, ...(studentId ? { studentId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, studentId: true, kind: true, facts: true, createdAt: true },
  });
  return rows.map((r) => ({ id: r.id, studentId: r.studentId, kind: r.kind, sentence: decisionSentence(r.facts as unknown as DecisionFacts) }));
}

/**
 * One student's turn: the goal graphs with decision support and dosage (the
 * same views as the goal graph page), the open plans a decision can name,
 * the current tiers, the minutes, the decisions already taken and the
 * action items. A student not on the agenda is not found. Audited as a view
 * of the student.
 */
export async function getMeetingTurn(ctx: Ctx, unverifiedMeetingId: string, unverifiedStudentId: string) {
  return withMeetingPage(ctx, unverifiedMeetingId, async (tx, meeting) => {
    const item = await agendaItemIn(tx, ctx, meeting, unverifiedStudentId);
    if (!item) throw new DeniedError("meeting.manage", { ...MEETING_TARGET, entityId: meeting.id, studentId: z.uuid().safeParse(unverifiedStudentId).data ?? null });
    const d = ctx.districtId;
    const studentId = item.studentId;
    const [graphs, plans, tiers, decisions, items, staff, agenda, library, contacts] = await Promise.all([
      goalGraphsOfStudentIn(tx, d, studentId, { archivedAt: null, plan: { status: "ACTIVE" } }),
      openPlansOfIn(tx, d, studentId),
      tiersOf(tx, d, studentId),
      decisionsIn(tx, d, meeting.id, studentId),
      actionItemsIn(tx, d, { meetingId: meeting.id }),
      staffOfSchoolIn(tx, d, meeting.schoolId),
      tx.meetingStudent.findMany({ where: { districtId: d, meetingId: meeting.id }, orderBy: { position: "asc" }, select: { studentId: true } }),
      libraryOptionsIn(tx, d),
      // The family's side of the story, when this user may read it (guardian-contacts/queries.ts audits it).
      guardianContactsForTurnIn(tx, ctx, studentId, meeting.schoolId),
    ]);
    await recordAudit(tx, { districtId: d, actorUserId: ctx.userId, action: "view", entityType: "Meeting", entityId: meeting.id, studentId, detail: { page: "meeting turn" } });
    const at = agenda.findIndex((a) => a.studentId === studentId);
    return {
      meeting,
      student: { id: studentId, name: studentDisplayName(item.student) },
      minutes: item.minutes,
      graphs,
      plans,
      tiers: tiers.current,
      decisions,
      actionItems: items.filter((a) => a.studentId === studentId),
      staff: staff.map((s) => ({ id: s.id, name: s.user.name })),
      interventionists: staff.filter((s) => (INTERVENTIONIST_ROLES as readonly string[]).includes(s.role)).map((s) => ({ id: s.id, name: s.user.name })),
      interventions: library.map((i) => ({ id: i.id, name: i.name, area: i.area })),
      contacts,
      previous: agenda[at - 1]?.studentId ?? null,
      next: agenda[at + 1]?.studentId ?? null,
      position: { at: at + 1, of: agenda.length },
      today: todayIso(),
    };
  });
}

/**
 * The recap: for each student on the agenda (or the one asked for), the
 * decisions' sentences and the action items, then the meeting's action items
 * about no one student and the next meeting. Printing it is a view; audited per student.
 */
export async function getMeetingRecap(ctx: Ctx, unverifiedMeetingId: string, unverifiedStudentId?: string) {
  return withMeetingPage(ctx, unverifiedMeetingId, async (tx, meeting) => {
    const d = ctx.districtId;
    let agenda = await tx.meetingStudent.findMany({ where: { districtId: d, meetingId: meeting.id }, orderBy: { position: "asc" }, select: { studentId: true, student: { select: STUDENT_NAME_SELECT } } });
    if (unverifiedStudentId !== undefined) {
      agenda = agenda.filter((a) => a.studentId === unverifiedStudentId);
      if (!agenda.length) throw new DeniedError("meeting.manage", { ...MEETING_TARGET, entityId: meeting.id });
    }
    const [decisions, items, attendees] = await Promise.all([
      decisionsIn(tx, d, meeting.id),
      actionItemsIn(tx, d, { meetingId: meeting.id }),
      tx.meetingAttendee.findMany({ where: { districtId: d, meetingId: meeting.id }, orderBy: [{ kind: "asc" }, { name: "asc" }], select: { kind: true, name: true, role: true, present: true } }),
    ]);
    if (agenda.length) {
      await recordAudit(tx, ...agenda.map((a) => ({ districtId: d, actorUserId: ctx.userId, action: "view" as const, entityType: "Meeting", entityId: meeting.id, studentId: a.studentId, detail: { page: "meeting recap" } })));
    }
    return {
      meeting,
      oneStudent: unverifiedStudentId !== undefined,
      attendees: attendees.map((a) => ({ ...a, kind: a.kind as AttendeeKind })),
      students: agenda.map((a) => ({
        id: a.studentId,
        name: studentDisplayName(a.student),
        decisions: decisions.filter((x) => x.studentId === a.studentId),
        actionItems: items.filter((x) => x.studentId === a.studentId),
      })),
      generalItems: unverifiedStudentId === undefined ? items.filter((x) => !x.studentId) : [],
    };
  });
}

/** The signed-in person's open action items from meetings, for their home (reads nothing about students they do not own items for). */
export async function getMyActionItems(ctx: Ctx) {
  return withTenant(ctx.districtId, (tx) => myActionItemsIn(tx, ctx));
}
