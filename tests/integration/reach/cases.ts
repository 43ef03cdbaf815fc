// The reach suite's cases: ONE ENTRY PER ROUTE AND PER SERVER ACTION.
// tests/integration/reach.test.ts reads src/app and every "use server" file
// and fails when a route or an action has no entry here (or an entry names
// one that no longer exists). How to add one: see the top of reach.test.ts
// and docs/decisions/010-reach-in-one-place.md.
import { ANTECEDENT_KINDS, CONSEQUENCE_KINDS } from "@/domain/behavior";
import { addDays } from "@/domain/dosage";
import { RULE_PRECEDENCES } from "@/domain/settings";
import { isoDayIn } from "@/domain/time-zone";
import type { ActionCall, Params } from "./harness";
import type { Insider, Outsider, World } from "./world";

type Fields = Record<string, string | string[] | File>;
/** Cast members who do reach the object (or may use the route) and why; every other outsider must be refused. */
type Reaches = Partial<Record<Outsider, string>>;

/** A route about one object of the world: every outsider not in `reaches` gets 404, writes nothing and leaves a `denied` event. */
export interface RouteObjectCase {
  params?: (w: World) => Params;
  searchParams?: (w: World) => Params;
  reaches?: Reaches;
}

/**
 * A route with no object (a list, a home, a form for something new). Says
 * why, and proves instead: each outsider not in `reaches` gets 404 (with a
 * `denied` event) or a page that holds none of `hides` (default: the world's
 * student, by names and id), and nothing is written. `shownTo` names an
 * insider whose page does hold them, so the check can fail.
 */
export interface RouteListCase {
  noObject: string;
  params?: (w: World) => Params;
  searchParams?: (w: World) => Params;
  reaches?: Reaches;
  hides?: (w: World) => string[];
  shownTo?: Insider;
}

/** Outside any district (before sign-in, Auth.js itself): says where it is tested instead. */
export interface OutsideTenantCase {
  outsideTenant: string;
}

export type RouteCase = RouteObjectCase | RouteListCase | OutsideTenantCase;

/** An action on one object: `fields` is valid input naming it; every outsider not in `reaches` gets NOT_FOUND, writes nothing, leaves a `denied` event. */
export interface ActionObjectCase {
  fields: (w: World) => Fields;
  call?: ActionCall;
  reaches?: Reaches;
}

/** An action with no object (a search, a new record of the district): as RouteListCase, on its result. */
export interface ActionListCase {
  noObject: string;
  fields: (w: World) => Fields;
  call?: ActionCall;
  reaches?: Reaches;
  hides?: (w: World) => string[];
  /**
   * A documented refusal other than NOT_FOUND for those who hold the grant
   * but name something outside their scope (e.g. a school not theirs is a
   * field error on a form that offers only theirs): the result's error code,
   * and why. Nothing may be written either way.
   */
  refusedAs?: { code: "INVALID_INPUT"; why: string };
}

export type ActionCase = ActionObjectCase | ActionListCase | OutsideTenantCase;

// ------------------------------------------------------------ shared reasons

const SCHOOL_READER = { unlinkedSpecialist: "specialists read every record of their school (school scope)" } as const;
/** The student (not their other plans) is reached by whoever delivers one of their open plans. */
const SERVES_STUDENT = { otherPlanAssistant: "delivers another open plan of the student, so serves the student" } as const;
const LIBRARY = { otherSchoolCoordinator: "the intervention library is the district's: coordinators manage it (district scope)" } as const;
const LIBRARY_READERS = { ...LIBRARY, unlinkedSpecialist: "specialists read the district's library (district scope)" } as const;
/** Incidents are reported by any staff of the student's school (incident.record, school scope). */
const SCHOOL_REPORTERS = {
  unlinkedSpecialist: "any staff of the student's school may report an incident about them (incident.record, school scope)",
  unlinkedAssistant: "any staff of the student's school may report an incident about them (incident.record, school scope)",
  endedAssistant: "any staff of the student's school may report an incident about them (incident.record, school scope)",
  otherPlanAssistant: "any staff of the student's school may report an incident about them (incident.record, school scope)",
} as const;
/** Screening scores are given and entered by the coordinators and specialists of a school (screening.view / screening.enter, school scope). */
const SCREENING_ENTRY = { unlinkedSpecialist: "specialists enter the screening scores of their school (screening.enter, school scope)" } as const;
const OWN_DISTRICT = { otherDistrict: "an administrator acts on their own district's records; the case's ids are not theirs" } as const;

const today = () => new Date().toISOString().slice(0, 10);
/** Today in the world's district (the default zone, America/Chicago): the CICO actions refuse a later day, and between midnight UTC and midnight there, UTC's today is tomorrow. */
const districtDay = () => isoDayIn(new Date(), "America/Chicago");
const key = () => `reach-${Math.random().toString(36).slice(2, 12)}-${Date.now().toString(36)}`;
const studentIdParam = (w: World) => ({ studentId: w.student.id });
const studentParam = (w: World) => ({ student: w.student.id });

// ------------------------------------------------------------------- routes

/** Keyed by the route's URL pattern (route groups dropped): "/plans/[planId]/sessions". */
export const ROUTE_CASES: Record<string, RouteCase> = {
  "/": { noObject: "the home lists what the signed-in person serves or oversees", reaches: SERVES_STUDENT, shownTo: "deliverer" },
  "/account": { noObject: "the signed-in person's own account" },
  "/account/security": { noObject: "the signed-in person's own password form and sessions (decision 025)" },
  "/admin/audit": { noObject: "the district's audit log (administrators); another district's log must not hold this one's events", hides: (w) => [w.student.id, w.student.legalLastName] },
  "/admin/behavior-codes": { noObject: "the district's behaviour code lists (administrators)", hides: (w) => [w.behaviorCode] },
  "/behavior/incidents/[incidentId]": { params: (w) => ({ incidentId: w.incident }), reaches: { ...SCHOOL_READER, ...SERVES_STUDENT } },
  "/behavior/incidents/new": { noObject: "a form to report an incident about students of the user's school", reaches: SCHOOL_REPORTERS },
  "/behavior/abc/new": { searchParams: studentParam, reaches: { unlinkedSpecialist: "specialists record ABC data for students of their school (abc.record, school scope)", ...SERVES_STUDENT } },
  "/behavior/fba/new": { searchParams: studentParam },
  "/behavior/fba/[fbaId]": { params: (w) => ({ fbaId: w.fba.open }), reaches: { unlinkedSpecialist: "specialists read the FBAs of their school (fba.view, school scope)" } },
  "/behavior/bip/new": { searchParams: (w) => ({ fba: w.fba.completed }) },
  "/behavior/cards": { noObject: "the daily report cards the signed-in person rates (those of the open plans they deliver)", shownTo: "deliverer" },
  "/behavior/cards/new": { searchParams: studentParam },
  "/behavior/cards/[cardId]": { params: (w) => ({ cardId: w.cicoCard }), reaches: { unlinkedSpecialist: "specialists see the daily report cards of their school (cico.view, school scope)" } },
  "/behavior/overview": {
    noObject: "incident figures of one of the user's schools (administrators, coordinators); another school named in ?school= is ignored",
    searchParams: (w) => ({ school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/iep-services": { noObject: "the IEP and 504 services the signed-in person provides", shownTo: "caseSpecialist" },
  "/admin/calendar": { noObject: "the district's evaluation clock and non-school days (administrators)", hides: (w) => [w.nonSchoolDay.label], shownTo: "admin" },
  // The world's IEP (case manager: caseSpecialist) has its annual review within 90 days (or overdue): the administrator's calendar lists the student.
  "/compliance": {
    noObject: "the compliance calendar of the user's scope: the district (administrators), their schools (coordinators), what they are case manager of (specialists); assistants get 404",
    shownTo: "admin",
  },
  "/compliance/export": {
    noObject: "the compliance calendar's CSV, for the same scope as the page; assistants get 404",
    // The file names students (no ids: ids are for links).
    hides: (w) => [w.student.legalFirstName, w.student.legalLastName],
    shownTo: "admin",
  },
  // The outcome dashboards (issue 18): figures of the user's schools, never names. North named in ?school= is refused to
  // anyone whose schools it is not (the page then says why and names no school of theirs); specialists and assistants get 404.
  "/dashboards": { noObject: "the dashboards' headlines for the user's schools (administrators, coordinators)", hides: () => ["North Elementary"], shownTo: "coordinator" },
  "/dashboards/health": {
    noObject: "MTSS health figures of the user's schools; another school named in ?school= is refused with a message",
    searchParams: (w) => ({ school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/dashboards/health/export": {
    noObject: "one MTSS health table as CSV, for the same scope as the page; another school is refused (400, no export)",
    searchParams: (w) => ({ table: "tiers-by-school", school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/dashboards/equity": {
    noObject: "risk and risk ratios of the user's schools; another school named in ?school= is refused with a message",
    searchParams: (w) => ({ school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/dashboards/equity/export": {
    noObject: "the equity table as CSV (figures only, suppressed cells as words), for the same scope as the page; another school is refused",
    searchParams: (w) => ({ school: w.school.north }),
  },
  // The behaviour, compliance, delivery and effectiveness dashboards (decisions 029, 030): the same reach as health.
  "/dashboards/behavior": {
    noObject: "incident rates, big five and daily-card figures of the user's schools; another school named in ?school= is refused with a message",
    searchParams: (w) => ({ school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/dashboards/behavior/export": {
    noObject: "one behaviour table as CSV (figures only), for the same scope as the page; another school is refused",
    searchParams: (w) => ({ table: "rates", school: w.school.north }),
  },
  "/dashboards/compliance": {
    noObject: "deadline counts of the user's schools; another school named in ?school= is refused with a message",
    searchParams: (w) => ({ school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/dashboards/compliance/export": {
    noObject: "the deadline counts as CSV (figures only), for the same scope as the page; another school is refused",
    searchParams: (w) => ({ school: w.school.north }),
  },
  "/dashboards/delivery": {
    noObject: "planned and delivered minutes of the user's schools; another school named in ?school= is refused with a message",
    searchParams: (w) => ({ school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/dashboards/delivery/export": {
    noObject: "one delivery table as CSV (figures only), for the same scope as the page; another school is refused",
    searchParams: (w) => ({ table: "months", school: w.school.north }),
  },
  "/dashboards/effectiveness": {
    noObject: "goals on track per intervention at the user's schools; another school named in ?school= is refused with a message",
    searchParams: (w) => ({ school: w.school.north }),
    hides: () => ["North Elementary"],
    shownTo: "coordinator",
  },
  "/dashboards/effectiveness/export": {
    noObject: "one effectiveness table as CSV (figures only), for the same scope as the page; another school is refused",
    searchParams: (w) => ({ table: "interventions", school: w.school.north }),
  },
  // The family progress report (decision 032): reached through the plan, as the plan page.
  "/plans/[planId]/family-report/[studentId]": { params: (w) => ({ planId: w.plan.ended, studentId: w.student.id }), reaches: SCHOOL_READER },
  "/plans/[planId]/family-report/[studentId]/report.pdf": { params: (w) => ({ planId: w.plan.ended, studentId: w.student.id }), reaches: SCHOOL_READER },
  "/students/[studentId]/summary": { params: studentIdParam, reaches: { ...SCHOOL_READER, ...SERVES_STUDENT } },
  "/behavior/review": { noObject: "major incidents awaiting review at the user's schools" },
  // Shown at sign-in to the invited person, before they are in the district
  // (so no insider of the cast sees it; tests/integration/invitations.test.ts
  // shows the invitee theirs). Everyone of the cast is signed in, so it is
  // proved here that nobody but the invitee is shown the invitation: each is
  // sent home with nothing of it.
  "/invitations": { noObject: "the signed-in person's own invitations", hides: (w) => [w.invitation, "Reach Unified"] },
  "/students/[studentId]/history": { params: studentIdParam, reaches: { ...SCHOOL_READER, ...SERVES_STUDENT } },
  "/admin/screening": { noObject: "the district's screening windows and measures (administrators)", hides: (w) => [w.measure.orf], shownTo: "admin" },
  "/screening": {
    noObject: "counts of scores per measure and risk level at one of the user's schools (no student named); a school not theirs is not found",
    searchParams: (w) => ({ window: w.screening.window, school: w.school.north }),
    reaches: SCREENING_ENTRY,
  },
  "/screening/grid": {
    noObject: "one page of a school's grade for entering screening scores",
    searchParams: (w) => ({ window: w.screening.window, school: w.school.north, grade: "G3" }),
    reaches: SCREENING_ENTRY,
    shownTo: "coordinator",
  },
  // Class rosters (decision 020): a teacher's own classes; the class grid for them and for their school's specialists and coordinators.
  "/classes": { noObject: "the classes the signed-in teacher teaches (class.view); no student is named", hides: (w) => [w.schoolClass.title], shownTo: "teacher" },
  "/classes/[classId]": { params: (w) => ({ classId: w.schoolClass.own }) },
  "/screening/classes": {
    noObject: "the classes one may enter screening scores for: a teacher's own, or every class of the user's schools; no student is named",
    hides: (w) => [w.schoolClass.title],
    reaches: { unlinkedSpecialist: "specialists enter screening scores for any class of their school (screening.enterClass, school scope)" },
    shownTo: "teacher",
  },
  "/screening/classes/[classId]": {
    params: (w) => ({ classId: w.schoolClass.own }),
    searchParams: (w) => ({ window: w.screening.window }),
    reaches: { unlinkedSpecialist: "specialists enter screening scores for any class of their school (screening.enterClass, school scope)" },
  },
  "/screening/upload": { noObject: "a form to upload a file of scores, and the person's own files" },
  "/screening/imports/[importId]": { params: (w) => ({ importId: w.screening.import }) },
  "/screening/imports/[importId]/status": { params: (w) => ({ importId: w.screening.import }) },
  "/screening/suggestions": {
    noObject: "students of one of the user's schools whose screening suggests another tier (tier.set)",
    searchParams: (w) => ({ window: w.screening.window, school: w.school.north }),
    shownTo: "coordinator",
  },
  "/screening/export": {
    noObject: "a window's scores at the user's schools as CSV (screening.export); a school not theirs is not found",
    searchParams: (w) => ({ window: w.screening.window, school: w.school.north }),
    hides: (w) => [w.student.legalLastName, w.student.legalFirstName],
    shownTo: "coordinator",
  },
  "/admin/benchmarks": { noObject: "the district's benchmark grids (administrators)", hides: (w) => [w.measure.orf] },
  "/admin/benchmarks/export": { searchParams: (w) => ({ measure: w.measure.orf }) },
  "/admin/schools": { noObject: "the district's schools (administrators)", hides: (w) => [w.school.north], shownTo: "admin" },
  "/admin/schools/[schoolId]": { params: (w) => ({ schoolId: w.school.north }) },
  "/admin/settings": { noObject: "the district's settings (administrators)", hides: (w) => [w.districtId] },
  "/admin/staff": { noObject: "the district's staff (administrators)", hides: (w) => [w.people.caseSpecialist.membershipId], shownTo: "admin" },
  "/admin/staff/[membershipId]": { params: (w) => ({ membershipId: w.people.caseSpecialist.membershipId }) },
  "/admin/staff/new": { noObject: "a form for a new staff member (administrators)", hides: (w) => [w.school.north] },
  "/admin/imports": { noObject: "the district's roster import history (administrators)", hides: (w) => [w.importRun], shownTo: "admin" },
  "/admin/imports/new": { noObject: "the upload form of a roster import (administrators); it shows no record" },
  "/admin/imports/[importId]": { params: (w) => ({ importId: w.importRun }) },
  "/admin/imports/spreadsheet": { noObject: "the upload form of a spreadsheet import (administrators); it shows no record" },
  "/admin/imports/[importId]/report": { params: (w) => ({ importId: w.importRun }) },
  // district export (administrators, decision 022)
  "/admin/export": { noObject: "what the district export holds (administrators); it shows the files, no record" },
  "/admin/leave": { noObject: "the state of the district's own deletion request (administrators); it shows no record", hides: (w) => [w.student.id, w.student.legalLastName] },
  "/admin/export/district": {
    // Another district's administrator downloads their own district: its rows
    // hold nothing of this one (tests/integration/district-export.test.ts
    // unzips both districts' exports and proves it row by row).
    noObject: "the whole district as a zip of CSV files (administrators)",
  },
  "/admin/export/rosters/[list]": {
    noObject: "one roster of the district as CSV (administrators)",
    params: () => ({ list: "students" }),
    hides: (w) => [w.student.legalLastName, w.student.legalFirstName],
    shownTo: "admin",
  },
  "/admin/imports/[importId]/status": { params: (w) => ({ importId: w.importRun }) },
  "/caseloads": { noObject: "caseload balance of the user's schools", hides: (w) => [w.people.caseSpecialist.ctx.name], shownTo: "coordinator" },
  "/caseloads/[membershipId]": { params: (w) => ({ membershipId: w.people.caseSpecialist.membershipId }) },
  "/goals/[goalId]": { params: (w) => ({ goalId: w.goal.ended }), reaches: SCHOOL_READER },
  "/goals/[goalId]/csv": { params: (w) => ({ goalId: w.goal.ended }), reaches: SCHOOL_READER },
  "/goals/[goalId]/edit": { params: (w) => ({ goalId: w.goal.active }) },
  "/goals/[goalId]/probes/new": { params: (w) => ({ goalId: w.goal.ended }) },
  "/goals/review": { noObject: "goals needing review in the user's reach", shownTo: "caseSpecialist" },
  "/interventions": { noObject: "the district's library", hides: (w) => [w.intervention], reaches: LIBRARY_READERS, shownTo: "coordinator" },
  "/interventions/[interventionId]": { params: (w) => ({ interventionId: w.intervention }), reaches: LIBRARY_READERS },
  "/interventions/[interventionId]/edit": { params: (w) => ({ interventionId: w.intervention }), reaches: LIBRARY },
  "/interventions/new": { noObject: "a form for a new library intervention", reaches: LIBRARY, hides: (w) => [w.measure.orf] },
  // Meetings: meeting.manage (administrators, coordinators of the meeting's school); guardians and providers on a meeting have no account.
  "/meetings": { noObject: "meetings of the user's schools and their overdue action items", hides: (w) => [w.meeting.id], shownTo: "coordinator" },
  "/meetings/[meetingId]": { params: (w) => ({ meetingId: w.meeting.id }) },
  "/meetings/[meetingId]/agenda": { params: (w) => ({ meetingId: w.meeting.id }) },
  "/meetings/[meetingId]/recap": { params: (w) => ({ meetingId: w.meeting.id }) },
  "/meetings/[meetingId]/students/[studentId]": { params: (w) => ({ meetingId: w.meeting.id, studentId: w.student.id }) },
  "/my-caseload": { noObject: "the signed-in person's own caseload", shownTo: "caseSpecialist" },
  "/plans": { noObject: "plans in the user's reach", reaches: { ...SCHOOL_READER, ...SERVES_STUDENT }, shownTo: "coordinator" },
  "/plans/[planId]": { params: (w) => ({ planId: w.plan.ended }), reaches: SCHOOL_READER },
  "/plans/[planId]/edit": { params: (w) => ({ planId: w.plan.ended }) },
  "/plans/[planId]/probes": { params: (w) => ({ planId: w.plan.ended }) },
  "/plans/[planId]/sessions": { params: (w) => ({ planId: w.plan.ended }), reaches: SCHOOL_READER },
  "/plans/new": { searchParams: (w) => ({ student: w.student.id }) },
  // The referral packet: referral.view (administrators, coordinators of the school, the case manager); the PDF is its audited export.
  "/referrals/[referralId]/packet": { params: (w) => ({ referralId: w.referral }) },
  "/referrals/[referralId]/packet.pdf": { params: (w) => ({ referralId: w.referral }) },
  "/sessions": { noObject: "today's sessions of the plans the user delivers", reaches: SERVES_STUDENT, shownTo: "deliverer" },
  "/sessions/[sessionId]/edit": { params: (w) => ({ sessionId: w.session.ended }) },
  "/sessions/new/[planId]": { params: (w) => ({ planId: w.plan.active }) },
  "/sessions/oversight": { noObject: "delivery figures of the user's schools", hides: (w) => [w.people.deliverer.ctx.name], shownTo: "coordinator" },
  "/students": { noObject: "students in the user's reach (first page)", reaches: SCHOOL_READER, shownTo: "coordinator" },
  "/students/[studentId]": { params: studentIdParam, reaches: { ...SCHOOL_READER, ...SERVES_STUDENT } },
  // The record of access (decision 035): administrators only; every outsider, coordinators of other schools included, gets 404.
  "/students/[studentId]/access-record": { params: studentIdParam },
  "/students/[studentId]/access-record/csv": { params: studentIdParam },
  "/students/[studentId]/edit": { params: studentIdParam },
  "/students/[studentId]/service-log": { params: studentIdParam, reaches: SCHOOL_READER },
  "/students/[studentId]/service-log/csv": { params: studentIdParam, reaches: SCHOOL_READER },
  "/students/new": { noObject: "a form for a new student at the user's schools", hides: (w) => [w.school.north] },
  "/api/auth/[...nextauth]": { outsideTenant: "Auth.js's own endpoints (sign-in, session); tested by tests/integration/auth.test.ts and session.test.ts" },
  "/change-password": { outsideTenant: "shown only to a session signed in with a temporary password, before any district (tests/integration/identity.test.ts)" },
  "/choose-district": { outsideTenant: "shown before a district is chosen; lists only the person's own memberships (tests/integration/session.test.ts)" },
  "/sign-in": { outsideTenant: "shown before sign-in (tests/integration/auth.test.ts)" },
  "/api/auth/sso/[...nextauth]": { outsideTenant: "Auth.js's single sign-on endpoints, before any session; the district comes from a sealed cookie (tests/integration/sso.test.ts)" },
  "/two-factor": { outsideTenant: "the code step after a right password, before the session is complete (tests/integration/two-factor.test.ts)" },
  "/two-factor/setup": { outsideTenant: "enrolment required at sign-in, before the session is complete (tests/integration/two-factor.test.ts)" },
};

// ------------------------------------------------------------------ actions

const planFields = (w: World): Fields => ({
  area: "READING",
  unverifiedInterventionId: w.intervention,
  customIntervention: "",
  unverifiedInterventionistIds: [w.people.deliverer.membershipId],
  minutesPerSession: "30",
  sessionsPerWeek: "3",
  groupSize: "",
  scheduleDays: ["1", "3", "5"],
  scheduleTime: "09:30",
  startDate: addDays(today(), -60),
  reviewDate: addDays(today(), 30),
  notes: "",
});
const goalFields = (w: World): Fields => ({
  unverifiedMeasureId: w.measure.orf,
  baselineValue: "41",
  baselineDate: addDays(today(), -30),
  probe1Value: "",
  probe1Date: "",
  probe2Value: "",
  probe2Date: "",
  probe3Value: "",
  probe3Date: "",
  targetValue: "72",
  targetDate: addDays(today(), 90),
});
const accommodationFields: Fields = { description: "Read-aloud of directions", source: "IEP", startDate: "2026-09-08", endDate: "" };
const studentFields = (w: World): Fields => ({
  legalFirstName: "Quintessa",
  preferredName: "",
  legalLastName: "Zarkovian",
  localId: "ZARK-0001",
  dateOfBirth: "2017-04-02",
  grade: "G3",
  unverifiedSchoolId: w.school.north,
  gender: "",
});
const sessionFields = (w: World): Fields => ({
  date: addDays(today(), -1),
  startTime: "",
  status: "HELD",
  minutes: "30",
  [`attendance:${w.student.id}`]: "PRESENT",
  [`partialMinutes:${w.student.id}`]: "",
  unverifiedComponentIds: [],
  note: "",
});
const interventionFields = (w: World): Fields => ({
  name: "Reach Phonics Plus",
  area: "READING",
  tiers: ["TIER_2"],
  description: "Small-group phonics.",
  evidenceLevel: "MODERATE",
  minutesPerSession: "30",
  sessionsPerWeek: "3",
  weeks: "12",
  groupSizeMin: "1",
  groupSizeMax: "5",
  gradeMin: "G1",
  gradeMax: "G3",
  components: "Warm-up\nPractice",
  unverifiedMeasureIds: [w.measure.orf],
});

const CALENDAR_CSV = "start,end,label\n2026-12-21,2027-01-01,Winter break\n";
const serviceFields = (w: World): Fields => ({
  area: "Specialized instruction: reading",
  minutes: "120",
  frequency: "WEEKLY",
  providerRole: "Special education teacher",
  unverifiedProviderId: w.people.caseSpecialist.membershipId,
  setting: "Resource room",
  startDate: addDays(today(), -60),
  endDate: "",
});

/** Keyed by the exported function's name (names are unique across "use server" files; the suite checks). */
export const ACTION_CASES: Record<string, ActionCase> = {
  // students
  // "Zarko", not the full name: the result repeats the query, and must not hold the name.
  searchStudents: { noObject: "a search of the students in the user's reach", fields: () => ({ q: "Zarko" }), reaches: SCHOOL_READER },
  createStudent: {
    noObject: "a new student at one of the user's schools",
    fields: studentFields,
    refusedAs: { code: "INVALID_INPUT", why: "a school outside the user's is not in the form's list: 'Choose a school from the list.' (tests/integration/students.test.ts)" },
  },
  updateStudent: { fields: (w) => ({ ...studentFields(w), unverifiedStudentId: w.student.id, version: "1" }) },
  setStudentArchived: { fields: (w) => ({ unverifiedStudentId: w.student.id, archived: "yes" }) },
  setTier: { fields: (w) => ({ unverifiedStudentId: w.student.id, area: "READING", tier: "TIER_3", effectiveDate: today(), reason: "Below benchmark." }) },
  // accommodations
  createAccommodation: { fields: (w) => ({ ...accommodationFields, unverifiedStudentId: w.student.id }) },
  updateAccommodation: { fields: (w) => ({ ...accommodationFields, unverifiedAccommodationId: w.accommodation, version: "1" }) },
  archiveAccommodation: { fields: (w) => ({ unverifiedAccommodationId: w.accommodation }) },
  // caseloads
  assignStudents: { fields: (w) => ({ unverifiedStudentIds: [w.student.id], unverifiedMembershipId: w.people.caseSpecialist.membershipId, role: "INTERVENTIONIST" }) },
  endAssignment: { fields: (w) => ({ unverifiedAssignmentId: w.assignment }) },
  // plans
  createPlan: { fields: (w) => ({ ...planFields(w), unverifiedStudentIds: [w.student.id] }) },
  updatePlan: { fields: (w) => ({ ...planFields(w), unverifiedPlanId: w.plan.active, version: "1", changeDate: "", changeReason: "" }) },
  submitPlan: { fields: (w) => ({ unverifiedPlanId: w.plan.draft, version: "1" }) },
  approvePlan: { fields: (w) => ({ unverifiedPlanId: w.plan.draft, version: "1" }) },
  returnPlan: { fields: (w) => ({ unverifiedPlanId: w.plan.draft, version: "1", comment: "Add a baseline." }) },
  completePlan: { fields: (w) => ({ unverifiedPlanId: w.plan.active, version: "1", endDate: today(), note: "" }) },
  discontinuePlan: { fields: (w) => ({ unverifiedPlanId: w.plan.active, version: "1", endDate: today(), reason: "Moved away." }) },
  // goals
  createGoal: { fields: (w) => ({ ...goalFields(w), unverifiedPlanId: w.plan.active, unverifiedStudentId: w.student.id }) },
  updateGoal: { fields: (w) => ({ ...goalFields(w), unverifiedGoalId: w.goal.active, version: "1" }) },
  archiveGoal: { fields: (w) => ({ unverifiedGoalId: w.goal.active }) },
  // probes
  enterProbe: { fields: (w) => ({ unverifiedGoalId: w.goal.active, unverifiedMeasureId: w.measure.orf, unverifiedGivenByUserId: "", clientKey: key(), date: today(), score: "44", note: "" }) },
  enterGroupProbes: { fields: (w) => ({ unverifiedPlanId: w.plan.active, unverifiedGivenByUserId: "", clientKey: key(), date: today(), [`score:${w.goal.active}`]: "44", [`measure:${w.goal.active}`]: w.measure.orf, [`note:${w.goal.active}`]: "" }) },
  correctProbe: { fields: (w) => ({ unverifiedProbeId: w.probe.ended, version: "1", date: addDays(today(), -2), score: "50", note: "" }) },
  setProbeValidity: { fields: (w) => ({ unverifiedProbeId: w.probe.ended, version: "1", valid: "no", reason: "Wrong passage." }) },
  // sessions
  voidSession: { fields: (w) => ({ unverifiedSessionId: w.session.ended, version: "1", reason: "Logged for the wrong day." }) },
  logSession: { fields: (w) => ({ ...sessionFields(w), unverifiedPlanId: w.plan.active, clientKey: key() }) },
  editSession: { fields: (w) => ({ ...sessionFields(w), unverifiedSessionId: w.session.ended, version: "1" }) },
  // the library
  createIntervention: { noObject: "a new intervention of the district's library", fields: interventionFields, reaches: { ...LIBRARY, ...OWN_DISTRICT } },
  updateIntervention: { fields: (w) => ({ ...interventionFields(w), unverifiedInterventionId: w.intervention, version: "1" }), reaches: LIBRARY },
  setInterventionRetired: { fields: (w) => ({ unverifiedInterventionId: w.intervention, retired: "yes" }), reaches: LIBRARY },
  // district administration
  saveBenchmarks: { fields: (w) => ({ unverifiedMeasureId: w.measure.orf, version: "", "benchmark-G3-FALL": "70", "riskCut-G3-FALL": "50" }) },
  uploadBenchmarks: {
    noObject: "a CSV of the district's benchmarks (administrators)",
    fields: () => ({ file: new File(["measure,grade,season,benchmark,risk_cut\norf_wcpm,3,fall,70,50\n"], "benchmarks.csv", { type: "text/csv" }) }),
    reaches: OWN_DISTRICT,
  },
  updateDistrictSettings: {
    noObject: "the district's own settings (administrators)",
    fields: () => ({ version: "", dosageThreshold: "80", fidelityThreshold: "80", fourPointRulePoints: "4", trendMinPoints: "6", trendMethod: "OLS", rulePrecedence: RULE_PRECEDENCES[0] }),
    reaches: OWN_DISTRICT,
  },
  createSchool: { noObject: "a new school of the district (administrators)", fields: () => ({ name: "Reach Middle", code: "RM-1", level: "MIDDLE" }), reaches: OWN_DISTRICT },
  updateSchool: { fields: (w) => ({ unverifiedSchoolId: w.school.north, name: "North Elementary", code: "NE-1", level: "ELEMENTARY" }) },
  createStaff: {
    noObject: "a new staff member of the district (administrators)",
    fields: (w) => ({ name: "New Person", email: `new.${key()}@reach.test`, role: "ASSISTANT", unverifiedSchoolIds: [w.school.north], password: "a-long-enough-password-2026" }),
    reaches: OWN_DISTRICT,
  },
  updateStaff: { fields: (w) => ({ unverifiedMembershipId: w.people.caseSpecialist.membershipId, role: "SPECIALIST", unverifiedSchoolIds: [w.school.north] }) },
  // behaviour
  createBehaviorCode: { noObject: "a new code of the district's lists (administrators)", fields: () => ({ kind: "BEHAVIOR", label: "Tardy", severity: "MINOR", edfiCodeValue: "" }), reaches: OWN_DISTRICT },
  installDefaultBehaviorCodes: { noObject: "the default code lists for the district (administrators)", fields: () => ({}), reaches: OWN_DISTRICT },
  updateBehaviorCode: { fields: (w) => ({ unverifiedCodeId: w.behaviorCode, version: "1", label: "Disruption", severity: "MINOR", edfiCodeValue: "" }) },
  setBehaviorCodeRetired: { fields: (w) => ({ unverifiedCodeId: w.behaviorCode, retired: "true" }) },
  recordIncident: {
    fields: (w) => ({ reportId: crypto.randomUUID(), unverifiedStudentIds: [w.student.id], occurredOn: today(), occurredTime: "10:15", behaviorCodeId: w.behaviorCode, locationCodeId: w.behaviorCode, motivationCodeId: "", actionCodeId: "", othersInvolved: [], notes: "" }),
    reaches: SCHOOL_REPORTERS,
  },
  correctIncident: {
    fields: (w) => ({ unverifiedIncidentId: w.incident, version: "1", reason: "Wrong time.", occurredOn: today(), occurredTime: "10:20", behaviorCodeId: w.behaviorCode, locationCodeId: w.behaviorCode, motivationCodeId: "", actionCodeId: "", othersInvolved: [], notes: "" }),
  },
  reviewIncident: { fields: (w) => ({ unverifiedIncidentId: w.incident, version: "1", reviewNote: "" }) },
  // ABC records, FBAs and BIPs
  recordAbc: {
    fields: (w) => ({
      clientKey: crypto.randomUUID(),
      unverifiedStudentId: w.student.id,
      observedOn: today(),
      observedTime: "10:15",
      setting: "Reading block, small group",
      antecedentKind: ANTECEDENT_KINDS[0]!,
      antecedent: "",
      behavior: "Pushed the book off the table.",
      consequenceKind: CONSEQUENCE_KINDS[0]!,
      consequence: "",
      durationMinutes: "2",
      intensity: "3",
    }),
    reaches: { unlinkedSpecialist: "specialists record ABC data for students of their school (abc.record, school scope)", ...SERVES_STUDENT },
  },
  createFba: { fields: (w) => ({ unverifiedStudentId: w.student.id, targetBehavior: "Leaves the classroom without permission.", settings: "" }) },
  updateFba: {
    fields: (w) => ({
      unverifiedFbaId: w.fba.open,
      version: "1",
      targetBehavior: "Leaves the classroom without permission during reading.",
      settings: "Reading block",
      otherSources: "",
      function: "",
      hypothesis: "",
      team: "",
      guardianParticipated: "",
      guardianConsentOn: "",
      linkedAbcIds: [],
      linkedIncidentIds: [w.incident],
      complete: "",
      completedOn: "",
    }),
  },
  createBip: {
    fields: (w) => ({
      unverifiedFbaId: w.fba.completed,
      targetBehavior: "Leaves the classroom without permission.",
      replacementBehavior: "Asks for a break card.",
      prevention: "Preview the reading task; offer a choice of passage.",
      teaching: "Teach and practise the break card.",
      reinforcement: "Praise and a point for each card used.",
      response: "Calm redirection; no extra attention.",
      crisisSteps: "Call the office\nKeep the door in sight",
      crisisContacts: "",
      unverifiedGoalId: "",
      reviewOn: addDays(today(), 42),
      implementers: "Classroom teacher, Sam Casemanager",
    }),
  },
  // daily behaviour report cards (CICO): reached as the card's plan is, for its student
  startCicoCard: {
    fields: (w) => ({
      unverifiedStudentId: w.student.id,
      unverifiedPlanId: w.plan.active,
      expectations: ["Be safe", "Be kind", "Be ready"],
      periods: "Morning\nAfternoon",
      scaleMax: "2",
      goalPercent: "80",
      startedOn: districtDay(),
      baseline: "60",
    }),
  },
  updateCicoCard: { fields: (w) => ({ unverifiedCardId: w.cicoCard, version: "1", expectations: ["Be safe", "Be kind", "Be ready", "Be on time"], periods: "Morning\nAfternoon", scaleMax: "2", goalPercent: "80" }) },
  endCicoCard: { fields: (w) => ({ unverifiedCardId: w.cicoCard, version: "1" }) },
  rateCicoPeriod: {
    fields: (w) => ({ unverifiedCardId: w.cicoCard, date: districtDay(), period: "Morning", rating: "2|Be safe" }),
  },
  markCicoDay: { fields: (w) => ({ unverifiedCardId: w.cicoCard, date: districtDay(), mark: "checkedIn:on" }) },
  saveCicoDefaults: { noObject: "the district's own default expectations (administrators)", fields: () => ({ expectations: ["Be safe", "Be kind", "Be ready"] }), reaches: OWN_DISTRICT },
  // IEP and 504 records, services, referrals
  createSpecialEdPlan: {
    fields: (w) => ({
      unverifiedStudentId: w.student.id,
      type: "SECTION_504",
      status: "REFERRED",
      startDate: today(),
      lastMeetingDate: "",
      annualReviewDue: "",
      lastEvaluationDate: "",
      reevaluationDue: "",
      unverifiedCaseManagerId: w.people.caseSpecialist.membershipId,
      disabilityCategory: "",
      documentUrl: "",
    }),
  },
  updateSpecialEdPlan: {
    fields: (w) => ({
      unverifiedPlanId: w.specialEdPlan,
      version: "1",
      status: "ACTIVE",
      startDate: "2026-02-10",
      lastMeetingDate: "2026-02-10",
      annualReviewDue: "2027-02-10",
      lastEvaluationDate: "2025-12-01",
      reevaluationDue: "2028-12-01",
      unverifiedCaseManagerId: w.people.caseSpecialist.membershipId,
      disabilityCategory: "",
      documentUrl: "https://iep.example.org/doc/1",
    }),
  },
  createService: { fields: (w) => ({ ...serviceFields(w), unverifiedPlanId: w.specialEdPlan }) },
  updateService: { fields: (w) => ({ ...serviceFields(w), unverifiedServiceId: w.service, version: "1" }) },
  logServiceMinutes: { fields: (w) => ({ unverifiedServiceId: w.service, date: today(), minutes: "30", note: "", clientKey: key() }) },
  startReferral: { fields: (w) => ({ unverifiedStudentId: w.student.id, reason: "No adequate response to two Tier 3 plans.", concerns: "", referredOn: today() }) },
  updateReferral: {
    fields: (w) => ({ unverifiedReferralId: w.referral, version: "1", status: "CONSENT_REQUESTED", consentRequestedOn: today(), consentDate: "", eligibilityMeetingOn: "", outcome: "" }),
  },
  finalizeReferralPacket: { fields: (w) => ({ unverifiedReferralId: w.referral, note: "The parent asked for the evaluation in writing." }) },
  savePacketRules: {
    noObject: "the district's own referral packet checklist (administrators)",
    fields: () => ({ minInterventions: "2", minDataPoints: "6", minFidelity: "80", requireGuardiansInformed: "on" }),
    reaches: OWN_DISTRICT,
  },
  // the district's calendar and time zone (administrators)
  saveClockSettings: { noObject: "the district's evaluation clock (administrators)", fields: () => ({ evaluationDays: "60", evaluationDayCount: "SCHOOL" }), reaches: OWN_DISTRICT },
  addNonSchoolDays: { noObject: "days of the district's own calendar (administrators)", fields: () => ({ from: "2026-12-21", to: "2026-12-23", label: "Winter break" }), reaches: OWN_DISTRICT },
  removeNonSchoolDay: { noObject: "a day of the district's own calendar, named by its date (administrators)", fields: (w) => ({ date: w.nonSchoolDay.date }), reaches: OWN_DISTRICT },
  uploadNonSchoolDays: {
    noObject: "a CSV of the district's own non-school days (administrators)",
    fields: () => ({ file: new File([CALENDAR_CSV], "calendar.csv", { type: "text/csv" }) }),
    reaches: OWN_DISTRICT,
  },
  updateDistrictTimeZone: { noObject: "the district's own time zone (administrators)", fields: () => ({ timeZone: "America/Chicago" }), reaches: OWN_DISTRICT },
  // universal screening
  saveScreeningScores: {
    fields: (w) => ({ unverifiedWindowId: w.screening.window, unverifiedSchoolId: w.school.north, grade: "G3", [`score:${w.student.id}:${w.measure.orf}`]: "35", [`was:${w.student.id}:${w.measure.orf}`]: "30" }),
    reaches: SCREENING_ENTRY,
  },
  saveClassScreeningScores: {
    fields: (w) => ({ unverifiedWindowId: w.screening.window, unverifiedClassId: w.schoolClass.own, [`score:${w.student.id}:${w.measure.orf}`]: "36", [`was:${w.student.id}:${w.measure.orf}`]: "30" }),
    reaches: { unlinkedSpecialist: "specialists enter screening scores for any class of their school (screening.enterClass, school scope)" },
  },
  uploadScreeningFile: {
    noObject: "a file of scores kept for its dry run; its rows match only students of the uploader's schools, so nothing of another school is read",
    fields: (w) => ({ file: new File(["id,ORF\nS000001,40\n"], "fall.csv", { type: "text/csv" }), unverifiedWindowId: w.screening.window }),
    reaches: {
      ...OWN_DISTRICT,
      ...SCREENING_ENTRY,
      otherSchoolCoordinator: "any coordinator uploads their own file (screening.enter); the dry run finds no student outside their schools (tests/integration/screening.test.ts)",
    },
  },
  saveScreeningMapping: { fields: (w) => ({ unverifiedImportId: w.screening.import, unverifiedWindowId: w.screening.window, "col:0": "localId", "col:1": `measure:${w.measure.orf}` }) },
  applyScreeningImport: { fields: (w) => ({ unverifiedImportId: w.screening.import }) },
  confirmScreeningTiers: { fields: (w) => ({ unverifiedWindowId: w.screening.window, decisions: [`${w.student.id}:READING`] }) },
  saveScreeningWindows: {
    noObject: "the district's own screening windows of a school year (administrators)",
    fields: () => ({ schoolYear: "2030", "FALL-start": "2030-09-02", "FALL-end": "2030-09-13", "WINTER-start": "", "WINTER-end": "", "SPRING-start": "", "SPRING-end": "" }),
    reaches: OWN_DISTRICT,
  },
  saveScreeningMeasures: { fields: (w) => ({ [`area:${w.measure.orf}`]: "READING" }) },
  // meetings
  scheduleMeeting: {
    noObject: "a new meeting at a school the user names",
    fields: (w) => ({ unverifiedSchoolId: w.school.north, kind: "PROBLEM_SOLVING", date: today(), nextMeetingDate: "" }),
    refusedAs: { code: "INVALID_INPUT", why: "a school not theirs is a field error on a form that offers only theirs" },
  },
  inviteToMeeting: { fields: (w) => ({ unverifiedMeetingId: w.meeting.id, kind: "GUARDIAN", unverifiedMembershipId: "", name: "Rosa Zarkovian", role: "mother" }) },
  takeAttendance: { fields: (w) => ({ unverifiedMeetingId: w.meeting.id, present: [] }) },
  addToAgenda: { fields: (w) => ({ unverifiedMeetingId: w.meeting.id, source: "CHOSEN", unverifiedStudentIds: [w.student.id] }) },
  saveMinutes: { fields: (w) => ({ unverifiedMeetingId: w.meeting.id, unverifiedStudentId: w.student.id, minutes: "Reading is improving." }) },
  recordDecision: {
    fields: (w) => ({ unverifiedMeetingId: w.meeting.id, unverifiedStudentId: w.student.id, clientKey: crypto.randomUUID(), kind: "CHANGE_TIER", area: "MATH", tier: "TIER_2", reason: "Below benchmark in winter." }),
  },
  addActionItem: {
    fields: (w) => ({ unverifiedMeetingId: w.meeting.id, unverifiedStudentId: w.student.id, unverifiedOwnerId: w.people.caseSpecialist.membershipId, description: "Call the family.", dueDate: today() }),
  },
  setActionItemStatus: { fields: (w) => ({ unverifiedActionItemId: w.meeting.actionItem, status: "DONE" }) },
  // guardian contacts (decision 031): administrators, coordinators of the school, the student's case specialist; never assistants or teachers
  logGuardianContact: {
    fields: (w) => ({
      unverifiedStudentId: w.student.id,
      unverifiedGuardianId: w.guardian,
      contactedOn: today(),
      method: "PHONE",
      interpreterLanguage: "",
      purpose: "Invite the family to the review meeting.",
      summary: "The mother will come on Thursday.",
      followUp: "",
    }),
  },
  // invitations
  answerInvitation: { fields: (w) => ({ unverifiedInvitationId: w.invitation, answer: "decline" }) },
  withdrawInvitation: { fields: (w) => ({ unverifiedInvitationId: w.invitation }) },
  // roster imports (administrators)
  startImport: {
    noObject: "a new roster import of the district (administrators)",
    fields: () => ({ files: new File(["propertyName,value\noneroster.version,1.2\n"], "manifest.csv", { type: "text/csv" }) }),
    reaches: OWN_DISTRICT,
  },
  reviewImport: { fields: (w) => ({ unverifiedImportId: w.importRun, mapping: ["teacher:ROSTER"] }) },
  applyImport: { fields: (w) => ({ unverifiedImportId: w.importRun }) },
  // spreadsheet imports (administrators; decision 019)
  startSheetImport: {
    noObject: "a new spreadsheet import of the district (administrators)",
    fields: () => ({ files: new File(["Student ID,First Name,Last Name,Grade,School\nRW-901,Reese,Reach,4,North\n"], "students.csv", { type: "text/csv" }) }),
    reaches: OWN_DISTRICT,
  },
  confirmSheetMapping: {
    fields: (w) => ({ unverifiedImportId: w.sheetImportRun, kind: ["students"], column: ["0:0:localId", "0:1:firstName", "0:2:lastName", "0:3:grade", "0:4:school"] }),
  },
  applySheetImport: { fields: (w) => ({ unverifiedImportId: w.sheetImportRun }) },
  // signing in and out
  signInAction: { outsideTenant: "sign-in, before any district (tests/integration/auth.test.ts)" },
  signOutAction: { outsideTenant: "ends the person's own session; reads no record (tests/integration/session.test.ts)" },
  signOutEverywhereAction: { outsideTenant: "ends the person's own sessions; reads no record (tests/integration/session.test.ts)" },
  chooseDistrictAction: { outsideTenant: "chooses among the person's own memberships (tests/integration/session.test.ts)" },
  // passwords and sessions (decision 025)
  changePassword: { outsideTenant: "changes the signed-in person's own password, also before any district after a temporary one (tests/integration/identity.test.ts)" },
  endSession: {
    noObject: "ends one of the signed-in person's own sessions; any other id is NOT_FOUND (tests/integration/identity.test.ts)",
    fields: () => ({ unverifiedSessionId: "00000000-0000-4000-8000-000000000025" }),
  },
  resetStaffPassword: { fields: (w) => ({ unverifiedMembershipId: w.people.caseSpecialist.membershipId }) },
  resetStaffTwoFactor: { fields: (w) => ({ unverifiedMembershipId: w.people.caseSpecialist.membershipId }) },
  startTwoFactorSetup: { outsideTenant: "the signed-in person's own second factor (tests/integration/two-factor.test.ts)" },
  confirmTwoFactorSetup: { outsideTenant: "the signed-in person's own second factor (tests/integration/two-factor.test.ts)" },
  changeTwoFactor: { outsideTenant: "the signed-in person's own second factor: new recovery codes or off (tests/integration/two-factor.test.ts)" },
  submitSecondFactor: { outsideTenant: "the code step of the person's own sign-in, before the session is complete (tests/integration/two-factor.test.ts)" },
  startSsoAction: { outsideTenant: "starts single sign-on from the sign-in page, before any session (tests/integration/sso.test.ts)" },
  updateTwoFactorRequirement: { noObject: "the district's own two-factor rule (administrators)", fields: () => ({ requireTwoFactor: "on" }), reaches: OWN_DISTRICT },
  saveEquityRules: { noObject: "the district's own equity rules (administrators)", fields: () => ({ threshold: "2.0", minCell: "10", minN: "20", shown: ["englishLearner"] }), reaches: OWN_DISTRICT },
  // An issuer nobody answers at: an insider's save stops at its discovery check, an outsider's before it.
  saveSsoSettings: {
    noObject: "the district's own identity provider (administrators)",
    fields: () => ({ label: "Test provider", issuer: "http://127.0.0.1:9/", clientId: "reach-client", clientSecret: "reach-secret", allowedDomains: "reach.example" }),
    reaches: OWN_DISTRICT,
  },
  removeSsoSettings: { noObject: "the district's own identity provider (administrators)", fields: () => ({}), reaches: OWN_DISTRICT },
  // Decision 041: always the signed-in administrator's own district (no id is sent); another district's
  // administrator is refused with CONFLICT there (no export, no request), writing nothing.
  requestDistrictDeletion: { noObject: "a deletion request for the administrator's own district", fields: () => ({ understood: "on" }), reaches: OWN_DISTRICT },
  confirmDistrictDeletion: { noObject: "the administrator's own district's deletion request", fields: () => ({}), reaches: OWN_DISTRICT },
  cancelDistrictDeletion: { noObject: "the administrator's own district's deletion request", fields: () => ({}), reaches: OWN_DISTRICT },
  recordFamilyReportPrint: { fields: (w) => ({ unverifiedPlanId: w.plan.ended, unverifiedStudentId: w.student.id }), call: "object", reaches: SCHOOL_READER },
  // The world has no SMTP server: an insider's send stops at "email is not set up", an outsider's before it.
  emailFamilyReport: { fields: (w) => ({ unverifiedPlanId: w.plan.ended, unverifiedStudentId: w.student.id, email: "guardian@example.org" }), reaches: SCHOOL_READER },
  // A server nobody answers at: saving does not connect, so an insider's save succeeds; an outsider's stops before it.
  saveSmtpSettings: {
    noObject: "the district's own SMTP server (administrators)",
    fields: () => ({ host: "127.0.0.1", port: "9", security: "NONE", username: "", password: "", fromAddress: "reports@reach.example" }),
    reaches: OWN_DISTRICT,
  },
  removeSmtpSettings: { noObject: "the district's own SMTP server (administrators)", fields: () => ({}), reaches: OWN_DISTRICT },
  updateSessionLimits: { noObject: "the district's own session limits (administrators)", fields: () => ({ sessionIdleMinutes: "480", sessionAbsoluteHours: "168" }), reaches: OWN_DISTRICT },
};
