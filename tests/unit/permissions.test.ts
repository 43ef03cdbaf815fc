// The permission matrix, exhaustively (DESIGN.md §5, issue 2): every role x
// every action x every kind of resource, against a table written out by hand
// below. The table is deliberately not derived from PERMISSIONS: change a
// grant or a scope in src/domain/permissions.ts and a named case here fails.
import { describe, expect, it } from "vitest";
import { ACTIONS, can, hasCaseloadGrants, PERMISSIONS, ROLES, scopeOf, type Action, type Resource, type Role, type Subject } from "@/domain/permissions";

const ME = "user-me";
const SOMEONE_ELSE = "user-other";
const DISTRICT = "district-a";
const OTHER_DISTRICT = "district-b";
const OWN_SCHOOL = "school-1";
const OTHER_SCHOOL = "school-2";

/** A member limited to one school, and one with no schools (= every school). */
const limited = (role: string): Subject => ({ userId: ME, districtId: DISTRICT, role, schoolIds: [OWN_SCHOOL] });
const everySchool = (role: string): Subject => ({ userId: ME, districtId: DISTRICT, role, schoolIds: [] });

interface Situation {
  name: string;
  subject: (role: string) => Subject;
  resource: Resource;
}

// The columns of the table, in this order.
const SITUATIONS: readonly Situation[] = [
  { name: "own district, whole collection (no schoolId)", subject: limited, resource: { districtId: DISTRICT } },
  { name: "record at own school", subject: limited, resource: { districtId: DISTRICT, schoolId: OWN_SCHOOL } },
  { name: "record at another school", subject: limited, resource: { districtId: DISTRICT, schoolId: OTHER_SCHOOL } },
  { name: "member with no schools, record at another school", subject: everySchool, resource: { districtId: DISTRICT, schoolId: OTHER_SCHOOL } },
  { name: "record of no school (schoolId null)", subject: limited, resource: { districtId: DISTRICT, schoolId: null } },
  { name: "member with no schools, record of no school", subject: everySchool, resource: { districtId: DISTRICT, schoolId: null } },
  {
    name: "caseload member, student at another school",
    subject: limited,
    resource: { districtId: DISTRICT, schoolId: OTHER_SCHOOL, caseloadUserIds: [SOMEONE_ELSE, ME] },
  },
  {
    name: "not a caseload member, student at own school",
    subject: limited,
    resource: { districtId: DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds: [SOMEONE_ELSE] },
  },
  { name: "no caseload at all, student at own school", subject: limited, resource: { districtId: DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds: [] } },
  { name: "other district, whole collection", subject: everySchool, resource: { districtId: OTHER_DISTRICT } },
  {
    name: "other district, record whose schoolId and caseload match",
    subject: limited,
    resource: { districtId: OTHER_DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds: [ME] },
  },
];

const Y = true;
const N = false;
type Row = readonly [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean];

// prettier-ignore
const EXPECTED: Record<Role, Record<Action, Row>> = {
  //                             coll  own  oth  all  null allN cMem cNot cNone oDc  oDr
  ADMIN: {
    "district.overview":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "school.view":              [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "school.manage":            [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "staff.view":               [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "staff.manage":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "audit.view":               [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "student.list":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "student.view":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "student.viewSensitive":    [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "student.create":           [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "student.edit":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "student.archive":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "student.accessHistory":    [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "caseload.view":            [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "caseload.assign":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "tier.view":                [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "tier.set":                 [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "intervention.view":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "intervention.manage":      [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "plan.view":                [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "plan.write":               [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "plan.approve":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "session.view":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "session.log":              [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "session.editAny":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "session.export":           [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "dosage.oversee":           [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "probe.view":               [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "probe.enter":              [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "benchmark.manage":         [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "settings.manage":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "accommodation.view":       [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "accommodation.manage":     [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "behaviorCode.manage":      [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "incident.record":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "incident.view":            [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "incident.viewNotes":       [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "incident.review":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "behavior.overview":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "abc.record":               [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "fba.view":                 [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "fba.write":                [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "bip.view":                 [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "cico.view":                [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "cico.rate":                [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "cico.manage":              [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "iep504.view":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "iep504.viewDisability":   [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "iep504.manage":           [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "service.view":            [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "service.log":             [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "referral.view":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "referral.manage":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "calendar.manage":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "screening.view":         [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "screening.enter":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "screening.export":       [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "screening.manage":       [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "compliance.view":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "roster.import":          [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "dashboard.view":         [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "district.export":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "district.delete":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "class.view":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.enterClass":   [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "meeting.manage":         [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "guardianContact.view":   [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "guardianContact.log":    [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
  },
  //                             coll  own  oth  all  null allN cMem cNot cNone oDc  oDr
  COORDINATOR: {
    "district.overview":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "school.view":              [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "school.manage":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "staff.view":               [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "staff.manage":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "audit.view":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.list":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.view":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.viewSensitive":    [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.create":           [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.edit":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.archive":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.accessHistory":    [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "caseload.view":            [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "caseload.assign":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "tier.view":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "tier.set":                 [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "intervention.view":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "intervention.manage":      [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "plan.view":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "plan.write":               [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "plan.approve":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "session.view":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "session.log":              [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "session.editAny":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "session.export":           [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "dosage.oversee":           [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "probe.view":               [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "probe.enter":              [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "benchmark.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "settings.manage":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "accommodation.view":       [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "accommodation.manage":     [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "behaviorCode.manage":      [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "incident.record":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "incident.view":            [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "incident.viewNotes":       [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "incident.review":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "behavior.overview":        [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "abc.record":               [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "fba.view":                 [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "fba.write":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "bip.view":                 [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "cico.view":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "cico.rate":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "cico.manage":              [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "iep504.view":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "iep504.viewDisability":   [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "iep504.manage":           [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "service.view":            [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "service.log":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "referral.view":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "referral.manage":        [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "calendar.manage":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.view":         [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "screening.enter":        [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "screening.export":       [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "screening.manage":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "compliance.view":        [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "roster.import":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "dashboard.view":         [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "district.export":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "district.delete":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "class.view":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.enterClass":   [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "meeting.manage":         [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "guardianContact.view":   [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "guardianContact.log":    [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
  },
  //                             coll  own  oth  all  null allN cMem cNot cNone oDc  oDr
  SPECIALIST: {
    "district.overview":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "school.view":              [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "school.manage":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "staff.view":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "staff.manage":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "audit.view":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.list":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.view":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.viewSensitive":    [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "student.create":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.edit":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.archive":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.accessHistory":    [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "caseload.view":            [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "caseload.assign":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "tier.view":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "tier.set":                 [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "intervention.view":        [Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   N,   N],
    "intervention.manage":      [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "plan.view":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "plan.write":               [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "plan.approve":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.view":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "session.log":              [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "session.editAny":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.export":           [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "dosage.oversee":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "probe.view":               [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "probe.enter":              [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "benchmark.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "settings.manage":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "accommodation.view":       [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "accommodation.manage":     [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "behaviorCode.manage":      [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "incident.record":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "incident.view":            [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "incident.viewNotes":       [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "incident.review":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "behavior.overview":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "abc.record":               [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "fba.view":                 [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "fba.write":                [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "bip.view":                 [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "cico.view":                [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "cico.rate":                [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "cico.manage":              [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "iep504.view":             [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "iep504.viewDisability":   [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "iep504.manage":           [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "service.view":            [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "service.log":             [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "referral.view":          [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "referral.manage":        [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "calendar.manage":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.view":         [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "screening.enter":        [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "screening.export":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.manage":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "compliance.view":        [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "roster.import":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "dashboard.view":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "district.export":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "district.delete":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "class.view":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.enterClass":   [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "meeting.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "guardianContact.view":   [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "guardianContact.log":    [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
  },
  // Caseload-scoped: a whole collection is allowed (the query filters to the
  // caseload), a single record only when the user is on its caseload.
  //                             coll  own  oth  all  null allN cMem cNot cNone oDc  oDr
  ASSISTANT: {
    "district.overview":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "school.view":              [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "school.manage":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "staff.view":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "staff.manage":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "audit.view":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.list":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.view":             [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "student.viewSensitive":    [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.create":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.edit":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.archive":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.accessHistory":    [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "caseload.view":            [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "caseload.assign":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "tier.view":                [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "tier.set":                 [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "intervention.view":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "intervention.manage":      [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "plan.view":                [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "plan.write":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "plan.approve":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.view":             [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "session.log":              [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "session.editAny":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.export":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "dosage.oversee":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "probe.view":               [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "probe.enter":              [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "benchmark.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "settings.manage":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "accommodation.view":       [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "accommodation.manage":     [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "behaviorCode.manage":      [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "incident.record":          [Y,   Y,   N,   Y,   N,   Y,   N,   Y,   Y,   N,   N],
    "incident.view":            [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "incident.viewNotes":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "incident.review":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "behavior.overview":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "abc.record":               [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "fba.view":                 [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "fba.write":                [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "bip.view":                 [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "cico.view":                [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "cico.rate":                [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "cico.manage":              [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "iep504.view":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "iep504.viewDisability":   [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "iep504.manage":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "service.view":            [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "service.log":             [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "referral.view":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "referral.manage":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "calendar.manage":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.view":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.enter":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.export":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.manage":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "compliance.view":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "roster.import":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "dashboard.view":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "district.export":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "district.delete":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "class.view":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.enterClass":   [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "meeting.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "guardianContact.view":   [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "guardianContact.log":    [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
  },
  // Classroom teachers (decision 020): caseload-scoped only, where the
  // "caseload" is the students of the classes they teach (src/server/reach).
  //                             coll  own  oth  all  null allN cMem cNot cNone oDc  oDr
  TEACHER: {
    "district.overview":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "school.view":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "school.manage":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "staff.view":              [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "staff.manage":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "audit.view":              [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.list":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.view":            [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "student.viewSensitive":   [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.create":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.edit":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.archive":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "student.accessHistory":   [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "caseload.view":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "caseload.assign":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "tier.view":               [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "tier.set":                [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "intervention.view":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "intervention.manage":     [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "plan.view":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "plan.write":              [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "plan.approve":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.view":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.log":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.editAny":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "session.export":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "dosage.oversee":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "probe.view":              [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "probe.enter":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "benchmark.manage":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "settings.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "accommodation.view":      [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "accommodation.manage":    [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "behaviorCode.manage":     [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "incident.record":         [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "incident.view":           [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "incident.viewNotes":      [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "incident.review":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "behavior.overview":       [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "abc.record":              [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "fba.view":                [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "fba.write":               [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "bip.view":                [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "cico.view":               [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "cico.rate":               [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "cico.manage":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "iep504.view":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "iep504.viewDisability":   [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "iep504.manage":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "service.view":            [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "service.log":             [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "referral.view":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "referral.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "calendar.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.view":          [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.enter":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.export":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "screening.manage":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "compliance.view":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "roster.import":           [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "district.export":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "district.delete":        [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "dashboard.view":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "class.view":              [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "screening.enterClass":    [Y,   N,   N,   N,   N,   N,   Y,   N,   N,   N,   N],
    "meeting.manage":         [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "guardianContact.view":   [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
    "guardianContact.log":    [N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N],
  },
};

// The scopes as DESIGN.md §5 describes them, also written out by hand.
// prettier-ignore
const EXPECTED_SCOPES: Record<Role, Partial<Record<Action, "district" | "school" | "caseload">>> = {
  ADMIN: Object.fromEntries([
    "district.overview", "school.view", "school.manage", "staff.view", "staff.manage", "audit.view", "student.list",
    "student.view", "student.viewSensitive", "student.create", "student.edit", "student.archive",
    "student.accessHistory", "caseload.view", "caseload.assign", "tier.view", "tier.set",
    "intervention.view", "intervention.manage", "plan.view", "plan.write", "plan.approve", "session.view", "session.log",
    "session.editAny", "session.export", "dosage.oversee", "probe.view", "probe.enter", "benchmark.manage", "settings.manage",
    "accommodation.view", "accommodation.manage", "behaviorCode.manage", "incident.record", "incident.view", "incident.viewNotes",
    "incident.review", "behavior.overview", "abc.record", "fba.view", "fba.write", "bip.view", "cico.view", "cico.rate", "cico.manage",
    "accommodation.view", "accommodation.manage", "iep504.view", "iep504.viewDisability", "iep504.manage",
    "service.view", "service.log", "referral.view", "referral.manage", "calendar.manage", "compliance.view",
    "screening.view", "screening.enter", "screening.export", "screening.manage",
    "roster.import", "district.export", "district.delete", "screening.enterClass", "dashboard.view", "meeting.manage",
    "guardianContact.view", "guardianContact.log",
  ].map((a) => [a, "district"])),
  COORDINATOR: {
    ...Object.fromEntries([
      "school.view", "staff.view", "student.list", "student.view", "student.viewSensitive", "student.create",
      "student.edit", "student.archive", "caseload.view", "caseload.assign", "tier.view", "tier.set",
      "plan.view", "plan.write", "plan.approve", "session.view", "session.log", "session.editAny", "session.export",
      "dosage.oversee", "probe.view", "probe.enter", "accommodation.view", "accommodation.manage",
      "incident.record", "incident.view", "incident.viewNotes", "incident.review", "behavior.overview",
      "abc.record", "fba.view", "fba.write", "bip.view", "cico.view", "cico.rate", "cico.manage",
      "iep504.view", "iep504.viewDisability", "iep504.manage", "service.view", "service.log", "referral.view", "referral.manage",
      "screening.view", "screening.enter", "screening.export", "screening.enterClass",
      "compliance.view", "dashboard.view",
      "screening.view", "screening.enter", "screening.export",
      "compliance.view", "meeting.manage", "guardianContact.view", "guardianContact.log",
    ].map((a) => [a, "school"])),
    // The intervention library belongs to the whole district.
    "intervention.view": "district",
    "intervention.manage": "district",
  },
  SPECIALIST: {
    ...Object.fromEntries([
      "school.view", "student.list", "student.view", "student.viewSensitive", "caseload.view", "tier.view",
      "plan.view", "session.view", "session.export", "probe.view", "accommodation.view",
      "incident.record", "incident.view", "incident.viewNotes", "abc.record", "fba.view", "bip.view", "cico.view",
      "plan.view", "session.view", "session.export", "probe.view", "accommodation.view", "iep504.view", "service.view",
      "screening.view", "screening.enter", "screening.enterClass",
    ].map((a) => [a, "school"])),
    "intervention.view": "district",
    // Specialists write plans, enter probes and keep accommodations for their own caseload (DESIGN.md §5).
    "plan.write": "caseload",
    "session.log": "caseload",
    "probe.enter": "caseload",
    "accommodation.manage": "caseload",
    "fba.write": "caseload",
    "cico.rate": "caseload",
    "cico.manage": "caseload",
    // The disability category only as the record's case manager; IEP/504 records for students they reach; minutes of services they provide.
    "iep504.viewDisability": "caseload",
    "iep504.manage": "caseload",
    "service.log": "caseload",
    // Referrals only as the student's case manager.
    "referral.view": "caseload",
    "referral.manage": "caseload",
    // The compliance calendar of what they are case manager of.
    "compliance.view": "caseload",
    // Family contacts of the students on their case only (decision 031).
    "guardianContact.view": "caseload",
    "guardianContact.log": "caseload",
  },
  ASSISTANT: {
    ...Object.fromEntries([
      "student.view", "caseload.view", "tier.view", "plan.view", "session.view", "session.log", "probe.view", "probe.enter",
      "accommodation.view", "incident.view", "abc.record", "bip.view", "service.view", "service.log", "cico.view", "cico.rate",
    ].map((a) => [a, "caseload"])),
    // Any staff member records an incident for a student of their own school (issue 15).
    "incident.record": "school",
  },
  // Teachers: only the students of their own classes, for everything they may do (decision 020).
  TEACHER: Object.fromEntries([
    "class.view", "student.view", "tier.view", "accommodation.view", "incident.record", "incident.view", "cico.view", "cico.rate",
    "screening.enterClass",
  ].map((a) => [a, "caseload"])),
};

describe("the expected table itself", () => {
  it("names exactly the roles and actions the app knows (a new one needs a row here)", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
    expect(ROLES).toEqual(["ADMIN", "COORDINATOR", "SPECIALIST", "ASSISTANT", "TEACHER"]);
    for (const role of ROLES) expect(Object.keys(EXPECTED[role]).sort(), role).toEqual([...ACTIONS].sort());
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });
});

const cases = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) =>
    SITUATIONS.map((situation, column) => ({ role, action, situation: situation.name, column, expected: EXPECTED[role][action][column] })),
  ),
);

describe("can(): every role x action x situation", () => {
  it.each(cases)("$role $action, $situation -> $expected", ({ role, action, column, expected }) => {
    const { subject, resource } = SITUATIONS[column]!;
    expect(can(subject(role), action, resource)).toBe(expected);
  });
});

describe("scopeOf(): every role x action", () => {
  const scopeCases = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action, expected: EXPECTED_SCOPES[role][action] ?? "none" })));
  it.each(scopeCases)("$role $action -> $expected", ({ role, action, expected }) => {
    expect(scopeOf(role, action) ?? "none").toBe(expected);
  });
});

describe("denied by default", () => {
  const ownSchool: Resource = { districtId: DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds: [ME] };
  const collection: Resource = { districtId: DISTRICT };

  it.each(["", "admin", "Admin", "SUPERUSER", "OWNER", " ADMIN", "ADMIN "])("unknown role %j is denied every action", (role) => {
    for (const action of ACTIONS) {
      expect(can(everySchool(role), action, collection), action).toBe(false);
      expect(can(everySchool(role), action, ownSchool), action).toBe(false);
      expect(scopeOf(role, action), action).toBeUndefined();
    }
  });

  it.each(["", "student.delete", "STUDENT.VIEW", "student", "student.view ", "*", "district"])("unknown action %j is denied to every role", (action) => {
    for (const role of ROLES) {
      expect(can(everySchool(role), action, collection), role).toBe(false);
      expect(can(everySchool(role), action, ownSchool), role).toBe(false);
      expect(scopeOf(role, action), role).toBeUndefined();
    }
  });

  const protoKeys = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "isPrototypeOf"];

  it.each(protoKeys)("prototype key %j as a role is denied (and does not throw)", (role) => {
    for (const action of [...ACTIONS, ...protoKeys]) {
      expect(can(everySchool(role), action, collection), action).toBe(false);
      expect(scopeOf(role, action), action).toBeUndefined();
    }
  });

  it.each(protoKeys)("prototype key %j as an action is denied to every role", (action) => {
    for (const role of ROLES) {
      expect(can(everySchool(role), action, collection), role).toBe(false);
      expect(can(everySchool(role), action, ownSchool), role).toBe(false);
      expect(scopeOf(role, action), role).toBeUndefined();
    }
  });
});

describe("another district is always denied", () => {
  const otherDistrictResources: Resource[] = [
    { districtId: OTHER_DISTRICT },
    { districtId: OTHER_DISTRICT, schoolId: OWN_SCHOOL },
    { districtId: OTHER_DISTRICT, schoolId: null },
    { districtId: OTHER_DISTRICT, caseloadUserIds: [ME] },
    { districtId: OTHER_DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds: [ME] },
    // Near misses of the district id must not match either.
    { districtId: "" },
    { districtId: `${DISTRICT} ` },
    { districtId: DISTRICT.toUpperCase() },
  ];
  const roleActions = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action })));

  it.each(roleActions)("$role $action in another district -> false, whatever the schools or caseload", ({ role, action }) => {
    for (const subject of [limited(role), everySchool(role)]) {
      for (const resource of otherDistrictResources) expect(can(subject, action, resource), JSON.stringify(resource)).toBe(false);
    }
  });

  it("an ADMIN of district A can do nothing in district B, while the same grants work in A", () => {
    for (const action of ACTIONS) {
      // "My classes" is a teacher's own classes: an administrator teaches none (decision 020).
      expect(can(everySchool("ADMIN"), action, { districtId: DISTRICT }), action).toBe(action !== "class.view");
      expect(can(everySchool("ADMIN"), action, { districtId: OTHER_DISTRICT }), action).toBe(false);
    }
  });
});

describe("school lists with several schools", () => {
  const twoSchools: Subject = { userId: ME, districtId: DISTRICT, role: "COORDINATOR", schoolIds: ["school-1", "school-3"] };
  it.each([
    ["school-1", true],
    ["school-3", true],
    ["school-2", false],
    ["school-", false],
    ["school-13", false],
  ] as const)("a coordinator of school-1 and school-3, record at %s -> %s", (schoolId, expected) => {
    expect(can(twoSchools, "student.view", { districtId: DISTRICT, schoolId })).toBe(expected);
  });
});

describe("caseload membership is by exact user id", () => {
  const assistant = limited("ASSISTANT");
  it.each([
    [[ME], true],
    [["a", "b", ME], true],
    [[], false],
    [[`${ME}x`], false],
    [[ME.toUpperCase()], false],
  ] as const)("an assistant, caseload %j -> %s", (caseloadUserIds, expected) => {
    expect(can(assistant, "student.view", { districtId: DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds })).toBe(expected);
  });
});

describe("hasCaseloadGrants(): who needs a student's reach looked up", () => {
  it.each([
    ["ADMIN", false],
    ["COORDINATOR", false],
    ["SPECIALIST", true],
    ["ASSISTANT", true],
    ["TEACHER", true],
    ["NOBODY", false],
  ] as const)("%s -> %s", (role, expected) => {
    expect(hasCaseloadGrants(role)).toBe(expected);
  });

  it("for a role without caseload grants, can() gives the same answer whatever the caseload list", () => {
    for (const role of ROLES.filter((r) => !hasCaseloadGrants(r))) {
      const subject = limited(role);
      for (const action of ACTIONS) {
        const withMe = can(subject, action, { districtId: DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds: [ME] });
        expect(can(subject, action, { districtId: DISTRICT, schoolId: OWN_SCHOOL, caseloadUserIds: [] })).toBe(withMe);
      }
    }
  });
});
