// Who may do what, as data (DESIGN.md §5). One function reads it: can().
// Unknown roles or actions are denied.

export const ROLES = ["ADMIN", "COORDINATOR", "SPECIALIST", "ASSISTANT", "TEACHER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  ADMIN: "Administrator",
  COORDINATOR: "Coordinator",
  SPECIALIST: "Specialist",
  ASSISTANT: "Assistant",
  TEACHER: "Teacher",
};

export const ACTIONS = [
  "district.overview",
  "school.view",
  "school.manage",
  "staff.view",
  "staff.manage",
  "audit.view",
  "student.list",
  "student.view",
  "student.viewSensitive",
  "student.create",
  "student.edit",
  "student.archive",
  "student.accessHistory",
  "caseload.view",
  "caseload.assign",
  "tier.view",
  "tier.set",
  "intervention.view",
  "intervention.manage",
  "plan.view",
  "plan.write",
  "plan.approve",
  "session.view",
  "session.log",
  "session.editAny",
  "session.export",
  "dosage.oversee",
  "probe.view",
  "probe.enter",
  "benchmark.manage",
  "settings.manage",
  "accommodation.view",
  "accommodation.manage",
  "behaviorCode.manage",
  "incident.record",
  "incident.view",
  "incident.viewNotes",
  "incident.review",
  "behavior.overview",
  "abc.record",
  "fba.view",
  "fba.write",
  "bip.view",
  "cico.view",
  "cico.rate",
  "cico.manage",
  "iep504.view",
  "iep504.viewDisability",
  "iep504.manage",
  "service.view",
  "service.log",
  "referral.view",
  "referral.manage",
  "calendar.manage",
  "screening.view",
  "screening.enter",
  "screening.export",
  "screening.manage",
  "compliance.view",
  /** Importing rosters (OneRoster) and reading the import history and reports: administrators only (decision 018). */
  "roster.import",
  /** The outcome dashboards (issue 18, decision 023): figures, never names; administrators the district, coordinators their schools. */
  "dashboard.view",
  /** Downloading the whole district (every table, one CSV each) and its rosters: administrators only (decision 022). */
  "district.export",
  /** Requesting, confirming (a second administrator) and cancelling the deletion of the whole district: administrators only (decision 041). */
  "district.delete",
  /** A teacher's own classes and their rosters (decision 020): the "My classes" pages. */
  "class.view",
  /** Screening scores entered by class (/screening/classes): teachers for their classes, coordinators and specialists for their schools' (decision 020). */
  "screening.enterClass",
  /** Problem-solving meetings of a school: schedule, run, decide, recap (issue 19, decision 024). */
  "meeting.manage",
  /** Reading a student's log of contacts with the family (issue 19, decision 031): sensitive, so no assistant or teacher. */
  "guardianContact.view",
  /** Logging a contact with a student's family (decision 031). */
  "guardianContact.log",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far a grant reaches:
 * - district: anything in the user's district;
 * - school: records of the user's schools (a membership with no schools covers all);
 * - caseload: only students the user is assigned to.
 */
export type Scope = "district" | "school" | "caseload";

export const PERMISSIONS: Readonly<Record<Role, Partial<Record<Action, Scope>>>> = {
  ADMIN: {
    "district.overview": "district",
    "school.view": "district",
    "school.manage": "district",
    "staff.view": "district",
    "staff.manage": "district",
    "audit.view": "district",
    "student.list": "district",
    "student.view": "district",
    "student.viewSensitive": "district",
    "student.create": "district",
    "student.edit": "district",
    "student.archive": "district",
    "student.accessHistory": "district",
    "caseload.view": "district",
    "caseload.assign": "district",
    "tier.view": "district",
    "tier.set": "district",
    "intervention.view": "district",
    "intervention.manage": "district",
    "plan.view": "district",
    "plan.write": "district",
    "plan.approve": "district",
    "session.view": "district",
    "session.log": "district",
    "session.editAny": "district",
    "session.export": "district",
    "dosage.oversee": "district",
    "probe.view": "district",
    "probe.enter": "district",
    "benchmark.manage": "district",
    "settings.manage": "district",
    "accommodation.view": "district",
    "accommodation.manage": "district",
    "behaviorCode.manage": "district",
    "incident.record": "district",
    "incident.view": "district",
    "incident.viewNotes": "district",
    "incident.review": "district",
    "behavior.overview": "district",
    "abc.record": "district",
    "fba.view": "district",
    "fba.write": "district",
    "bip.view": "district",
    "cico.view": "district",
    "cico.rate": "district",
    "cico.manage": "district",
    "iep504.view": "district",
    "iep504.viewDisability": "district",
    "iep504.manage": "district",
    "service.view": "district",
    "service.log": "district",
    "referral.view": "district",
    "referral.manage": "district",
    "calendar.manage": "district",
    "screening.view": "district",
    "screening.enter": "district",
    "screening.export": "district",
    "screening.manage": "district",
    "compliance.view": "district",
    "roster.import": "district",
    "dashboard.view": "district",
    "district.export": "district",
    "district.delete": "district",
    "screening.enterClass": "district",
    "meeting.manage": "district",
    "guardianContact.view": "district",
    "guardianContact.log": "district",
  },
  COORDINATOR: {
    "school.view": "school",
    "staff.view": "school",
    "student.list": "school",
    "student.view": "school",
    "student.viewSensitive": "school",
    "student.create": "school",
    "student.edit": "school",
    "student.archive": "school",
    "caseload.view": "school",
    "caseload.assign": "school",
    "tier.view": "school",
    "tier.set": "school",
    "intervention.view": "district",
    "intervention.manage": "district",
    "plan.view": "school",
    "plan.write": "school",
    "plan.approve": "school",
    "session.view": "school",
    "session.log": "school",
    "session.editAny": "school",
    "session.export": "school",
    "dosage.oversee": "school",
    "probe.view": "school",
    "probe.enter": "school",
    "accommodation.view": "school",
    "accommodation.manage": "school",
    // Majors of the school come to its coordinator for review (issue 15).
    "incident.record": "school",
    "incident.view": "school",
    "incident.viewNotes": "school",
    "incident.review": "school",
    "behavior.overview": "school",
    "abc.record": "school",
    "fba.view": "school",
    "fba.write": "school",
    "bip.view": "school",
    // Daily report cards (CICO): coordinators usually run check-in and check-out.
    "cico.view": "school",
    "cico.rate": "school",
    "cico.manage": "school",
    "iep504.view": "school",
    "iep504.viewDisability": "school",
    "iep504.manage": "school",
    "service.view": "school",
    "service.log": "school",
    "referral.view": "school",
    "referral.manage": "school",
    // Universal screening of their schools (issue 17): scores in and out; the
    // tier decisions it suggests are confirmed through tier.set.
    "screening.view": "school",
    "screening.enter": "school",
    "screening.export": "school",
    "compliance.view": "school",
    "screening.enterClass": "school",
    // The outcome dashboards of their schools (issue 18).
    "dashboard.view": "school",
    // Coordinators run the problem-solving meetings of their schools (DOMAIN.md step 10).
    "meeting.manage": "school",
    // Coordinators talk with families about the process at their schools (meetings, referrals).
    "guardianContact.view": "school",
    "guardianContact.log": "school",
  },
  SPECIALIST: {
    "school.view": "school",
    "student.list": "school",
    "student.view": "school",
    "student.viewSensitive": "school",
    "caseload.view": "school",
    "tier.view": "school",
    "intervention.view": "district",
    "plan.view": "school",
    "plan.write": "caseload",
    "session.view": "school",
    "session.log": "caseload",
    "session.export": "school",
    "probe.view": "school",
    "probe.enter": "caseload",
    "accommodation.view": "school",
    "accommodation.manage": "caseload",
    "incident.record": "school",
    "incident.view": "school",
    "incident.viewNotes": "school",
    "abc.record": "school",
    "fba.view": "school",
    // Specialists write FBAs and BIPs for their caseload (DESIGN.md §5).
    "fba.write": "caseload",
    "bip.view": "school",
    // Daily report cards: seen school-wide, rated and set up for the students they serve.
    "cico.view": "school",
    "cico.rate": "caseload",
    "cico.manage": "caseload",
    // IEP/504 records: whether a student has one is visible school-wide (as the
    // flags are); the disability category only to the record's case manager,
    // so src/server/iep504/access.ts passes the case manager as the caseload
    // of that check; keeping records needs the student in reach.
    "iep504.view": "school",
    "iep504.viewDisability": "caseload",
    "iep504.manage": "caseload",
    "service.view": "school",
    // A service's minutes are logged by its provider (the caseload of that check).
    "service.log": "caseload",
    // Referrals: the student's case managers only (src/server/referrals/access.ts passes them as the caseload).
    "referral.view": "caseload",
    "referral.manage": "caseload",
    // Specialists give and enter the screeners of their school (issue 17); the
    // district's scores leave only with coordinators and administrators.
    "screening.view": "school",
    "screening.enter": "school",
    // The compliance calendar of the records and referrals they are case manager of (src/server/compliance).
    "compliance.view": "caseload",
    "screening.enterClass": "school",
    // Family contacts of the students on their case (caseload or the plans they deliver),
    // not of every student of their school: what a family said is sensitive (decision 031).
    "guardianContact.view": "caseload",
    "guardianContact.log": "caseload",
  },
  // Assistants see only students they serve (no district or school list), and
  // not the sensitive fields of those (DESIGN.md §5). They do see those
  // students' accommodations: honouring them is part of delivering a session.
  ASSISTANT: {
    "student.view": "caseload",
    "caseload.view": "caseload",
    "tier.view": "caseload",
    "plan.view": "caseload",
    "session.view": "caseload",
    "session.log": "caseload",
    "probe.view": "caseload",
    "probe.enter": "caseload",
    "accommodation.view": "caseload",
    // Any staff member records an incident for a student of their school
    // (issue 15), but sees only the incidents of students they serve, and the
    // notes only of incidents they reported themselves (the notes may be about
    // other students): src/server/behavior/incidents reach check.
    "incident.record": "school",
    "incident.view": "caseload",
    // ABC data for the FBA, and the active BIP of those they serve; never the FBA itself (issue 15).
    "abc.record": "caseload",
    "bip.view": "caseload",
    // The daily report cards of the students they serve, which they rate (issue 15); not their setup.
    "cico.view": "caseload",
    "cico.rate": "caseload",
    // Only the IEP/504 services they deliver (the provider is the caseload of
    // these checks): never the record, its dates or the disability category.
    "service.view": "caseload",
    "service.log": "caseload",
  },
  // Classroom teachers (decision 020): every grant is caseload-scoped, and a
  // teacher's "caseload" is the students of the classes they teach
  // (src/server/reach/students.ts counts class rosters for TEACHER
  // memberships only). They see those students, their tiers and the
  // accommodations to honour, rate their daily report cards, record incidents
  // and see the ones of their students, and enter screening scores by class;
  // no student list, plans, sessions, probes, IEP/504 records or exports.
  TEACHER: {
    "class.view": "caseload",
    "student.view": "caseload",
    "tier.view": "caseload",
    "accommodation.view": "caseload",
    "incident.record": "caseload",
    "incident.view": "caseload",
    "cico.view": "caseload",
    "cico.rate": "caseload",
    "screening.enterClass": "caseload",
  },
};

export interface Subject {
  userId: string;
  districtId: string;
  role: string;
  /** Empty means every school of the district. */
  schoolIds: readonly string[];
}

export interface Resource {
  districtId: string;
  /**
   * The school the record belongs to. Leave undefined for a check on a whole
   * collection (a list page); the query must then filter by scopeOf().
   */
  schoolId?: string | null;
  /** Staff assigned to the student, for caseload-scoped grants. */
  caseloadUserIds?: readonly string[];
}

export function scopeOf(role: string, action: string): Scope | undefined {
  if (!Object.hasOwn(PERMISSIONS, role)) return undefined;
  const grants = PERMISSIONS[role as Role];
  return Object.hasOwn(grants, action) ? grants[action as Action] : undefined;
}

/**
 * Whether any grant of the role is caseload-scoped: only then does can() read
 * a resource's caseloadUserIds, so a page may skip finding who reaches a
 * student (a statement) for everyone else.
 */
export function hasCaseloadGrants(role: string): boolean {
  if (!Object.hasOwn(PERMISSIONS, role)) return false;
  return Object.values(PERMISSIONS[role as Role]).includes("caseload");
}

export function can(subject: Subject, action: string, resource: Resource): boolean {
  const scope = scopeOf(subject.role, action);
  if (!scope || resource.districtId !== subject.districtId) return false;
  if (scope === "district") return true;
  const collection = resource.schoolId === undefined && resource.caseloadUserIds === undefined;
  if (collection) return true;
  if (scope === "school") {
    if (resource.schoolId == null) return subject.schoolIds.length === 0;
    return subject.schoolIds.length === 0 || subject.schoolIds.includes(resource.schoolId);
  }
  return resource.caseloadUserIds?.includes(subject.userId) ?? false;
}
