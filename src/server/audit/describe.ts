import "server-only";
import { can } from "@/domain/permissions";
import { formatMomentDayIn } from "@/domain/time-zone";
import type { Ctx } from "@/server/auth/session";
import { studentDisplayName } from "@/server/caseloads/names";
import type { Tx } from "@/server/db/tenant";
import { planTitleOf } from "@/server/plans/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";

// What an audit event was about, in words a person can check against the
// record ("Session: Read Naturally on Tue, Dec 1, 2026"), instead of an id cut
// to 8 characters: three views of three sessions in the same second read as
// three different rows. The names of a page of events are resolved with one
// query per kind of entity on the page (never one per event).

/** The words for an event's entity type, also for ids that no longer resolve. */
export const ENTITY_LABEL: Readonly<Record<string, string>> = {
  Student: "Student",
  StudentList: "Student list",
  Guardian: "Guardian",
  InterventionPlan: "Plan",
  FamilyReport: "Family progress report",
  InterventionSession: "Session",
  Goal: "Goal",
  Probe: "Probe",
  School: "School",
  Membership: "Staff member",
  User: "Person",
  Intervention: "Intervention",
  Measure: "Measure",
  StudentAccommodation: "Accommodation",
  StudentTier: "Tier decision",
  CaseloadAssignment: "Caseload assignment",
  Benchmark: "Benchmarks",
  DistrictSettings: "District settings",
  ServiceLog: "Service log",
  AuditEvent: "Audit log",
  AccessRecord: "Record of access",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric", year: "numeric" });
/** A calendar date (stored as UTC midnight) as "Tue, Dec 1, 2026". */
const dayText = (d: Date) => DATE.format(d);

export interface DescribableEvent {
  id: string;
  entityType: string;
  entityId: string | null;
  studentId: string | null;
}

export interface EventWords {
  /** "Session: Read Naturally on Tue, Dec 1, 2026"; the type alone when the id does not resolve. */
  what: string;
  /** The student's name where the viewer may see the student; null when there is no student or they may not. */
  studentName: string | null;
}

type PlanTitleRow = { customIntervention: string | null; intervention: { name: string } | null };
const PLAN_TITLE_SELECT = { customIntervention: true, intervention: { select: { name: true } } } as const;
const planWords = (p: PlanTitleRow & { area?: keyof typeof AREA_LABEL }) => `${planTitleOf(p)}${p.area ? ` (${AREA_LABEL[p.area].toLowerCase()})` : ""}`;

/**
 * Words for a page of events, in one query per entity kind present (students
 * with their school, to decide whether the viewer may see each name).
 */
export async function describeEventsIn(tx: Tx, ctx: Ctx, events: readonly DescribableEvent[]): Promise<Map<string, EventWords>> {
  const d = ctx.districtId;
  const idsOf = (type: string) => [...new Set(events.filter((e) => e.entityType === type && e.entityId && UUID.test(e.entityId)).map((e) => e.entityId!))];
  const studentIds = [...new Set([...events.flatMap((e) => (e.studentId ? [e.studentId] : [])), ...idsOf("Student")])];
  const when = <T,>(ids: string[], read: (ids: string[]) => Promise<T[]>) => (ids.length ? read(ids) : Promise.resolve([] as T[]));

  const students = await when(studentIds, (ids) =>
    tx.student.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, schoolId: true, legalFirstName: true, legalLastName: true, preferredName: true } }),
  );
  // Names only where the viewer may see the student (by school; no caseload reach is assumed here).
  const studentName = new Map(
    students.filter((s) => can(ctx, "student.view", { districtId: d, schoolId: s.schoolId, caseloadUserIds: [] })).map((s) => [s.id, studentDisplayName(s)]),
  );

  const words = new Map<string, string>();
  const put = (type: string, id: string, text: string) => words.set(`${type}:${id}`, text);

  for (const p of await when(idsOf("InterventionPlan"), (ids) => tx.interventionPlan.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, area: true, ...PLAN_TITLE_SELECT } })))
    put("InterventionPlan", p.id, planWords(p));
  for (const s of await when(idsOf("InterventionSession"), (ids) =>
    tx.interventionSession.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, date: true, startTime: true, plan: { select: PLAN_TITLE_SELECT } } }),
  ))
    put("InterventionSession", s.id, `${planTitleOf(s.plan)} on ${dayText(s.date)}${s.startTime ? ` at ${s.startTime}` : ""}`);
  for (const g of await when(idsOf("Goal"), (ids) => tx.goal.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, measure: { select: { name: true } }, plan: { select: PLAN_TITLE_SELECT } } })))
    put("Goal", g.id, `${g.measure.name}, ${planTitleOf(g.plan)}`);
  for (const p of await when(idsOf("Probe"), (ids) => tx.probe.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, date: true, measure: { select: { name: true } } } })))
    put("Probe", p.id, `${p.measure.name} on ${dayText(p.date)}`);
  for (const s of await when(idsOf("School"), (ids) => tx.school.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, name: true } }))) put("School", s.id, s.name);
  for (const m of await when(idsOf("Membership"), (ids) => tx.membership.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, user: { select: { name: true } } } })))
    put("Membership", m.id, m.user.name);
  for (const u of await when(idsOf("User"), (ids) => tx.user.findMany({ where: { id: { in: ids }, memberships: { some: { districtId: d } } }, select: { id: true, name: true } }))) put("User", u.id, u.name);
  for (const i of await when(idsOf("Intervention"), (ids) => tx.intervention.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, name: true } }))) put("Intervention", i.id, i.name);
  for (const m of await when(idsOf("Measure"), (ids) => tx.measure.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, name: true } }))) put("Measure", m.id, m.name);
  for (const a of await when(idsOf("StudentAccommodation"), (ids) => tx.studentAccommodation.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, description: true, startDate: true } })))
    put("StudentAccommodation", a.id, `${a.description.length > 60 ? `${a.description.slice(0, 57)}…` : a.description} (from ${dayText(a.startDate)})`);
  for (const t of await when(idsOf("StudentTier"), (ids) => tx.studentTier.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, area: true, tier: true, effectiveDate: true } })))
    put("StudentTier", t.id, `${TIER_LABEL[t.tier]} in ${AREA_LABEL[t.area].toLowerCase()} from ${dayText(t.effectiveDate)}`);
  for (const c of await when(idsOf("CaseloadAssignment"), (ids) =>
    tx.caseloadAssignment.findMany({ where: { districtId: d, id: { in: ids } }, select: { id: true, role: true, startedAt: true, membership: { select: { user: { select: { name: true } } } } } }),
  ))
    put("CaseloadAssignment", c.id, `${c.membership.user.name}, ${c.role === "CASE_MANAGER" ? "case manager" : "interventionist"} since ${formatMomentDayIn(c.startedAt, ctx.timeZone)}`);

  const out = new Map<string, EventWords>();
  for (const e of events) {
    const label = ENTITY_LABEL[e.entityType] ?? e.entityType;
    const resolved = e.entityId ? words.get(`${e.entityType}:${e.entityId}`) : undefined;
    const name = e.studentId ? (studentName.get(e.studentId) ?? null) : null;
    let what = resolved ? `${label}: ${resolved}` : label;
    // A student record's own events: the name is the thing (or "a student" when it may not be shown).
    if (e.entityType === "Student") what = e.entityId && studentName.has(e.entityId) ? `Student: ${studentName.get(e.entityId)}` : e.entityId && UUID.test(e.entityId) ? "Student record" : "Student (unknown id)";
    else if (e.entityId && !resolved && e.entityType in ENTITY_LABEL && !UUID.test(e.entityId)) what = `${label} (unknown id)`;
    out.set(e.id, { what, studentName: name });
  }
  return out;
}
