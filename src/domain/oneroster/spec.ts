// What the app knows of OneRoster 1.1 and 1.2 CSV: files, columns, codes.
// Headers follow ../shared/testdata/oneroster/oneroster_csv_headers.csv
// (implementers' constants; the normative 1EdTech text was not available).

/** The app's grades as the database spells them (a pure copy of the GradeLevel enum). */
export const GRADE_LEVELS = ["PK", "KG", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9", "G10", "G11", "G12"] as const;
export type GradeLevel = (typeof GRADE_LEVELS)[number];

export type OneRosterVersion = "1.1" | "1.2";

/** The files this app reads, by their canonical name (without ".csv"). */
export const USED_FILES = ["manifest", "orgs", "academicSessions", "courses", "classes", "users", "roles", "demographics", "enrollments"] as const;
export type UsedFile = (typeof USED_FILES)[number];

/** Files of the OneRoster CSV binding the app has no use for (gradebook, resources, profiles): reported and skipped. */
export const UNUSED_FILES = [
  "userProfiles",
  "categories",
  "classResources",
  "courseResources",
  "lineItems",
  "lineItemLearningObjectiveIds",
  "lineItemScoreScales",
  "resources",
  "results",
  "resultLearningObjectiveIds",
  "resultScoreScales",
  "scoreScales",
  "userResources",
] as const;

/** "Users.CSV", "userprofiles.csv" → the canonical name, or null when it is no OneRoster file. */
export function canonicalFileName(memberName: string): UsedFile | (typeof UNUSED_FILES)[number] | null {
  const base = memberName.split("/").pop() ?? memberName;
  const m = /^(.+)\.csv$/i.exec(base);
  if (!m) return null;
  const lower = (m[1] ?? "").toLowerCase();
  for (const name of [...USED_FILES, ...UNUSED_FILES]) if (name.toLowerCase() === lower) return name;
  return null;
}

const BASE = ["sourcedId", "status", "dateLastModified"];

/** Every column the binding defines per file and version (unknown columns are reported and ignored). */
export const COLUMNS: Record<OneRosterVersion, Record<Exclude<UsedFile, "manifest">, readonly string[]>> = {
  "1.1": {
    orgs: [...BASE, "name", "type", "identifier", "parentSourcedId"],
    academicSessions: [...BASE, "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
    courses: [...BASE, "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"],
    classes: [...BASE, "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"],
    users: [...BASE, "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"],
    roles: [],
    demographics: [
      ...BASE,
      "birthDate",
      "sex",
      "americanIndianOrAlaskaNative",
      "asian",
      "blackOrAfricanAmerican",
      "nativeHawaiianOrOtherPacificIslander",
      "white",
      "demographicRaceTwoOrMoreRaces",
      "hispanicOrLatinoEthnicity",
      "countryOfBirthCode",
      "stateOfBirthAbbreviation",
      "cityOfBirth",
      "publicSchoolResidenceStatus",
    ],
    enrollments: [...BASE, "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
  },
  "1.2": {
    orgs: [...BASE, "name", "type", "identifier", "parentSourcedId"],
    academicSessions: [...BASE, "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
    courses: [...BASE, "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"],
    classes: [...BASE, "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"],
    users: [
      ...BASE,
      "enabledUser",
      "username",
      "userIds",
      "givenName",
      "familyName",
      "middleName",
      "identifier",
      "email",
      "sms",
      "phone",
      "agentSourcedIds",
      "grades",
      "password",
      "userMasterIdentifier",
      "preferredGivenName",
      "preferredMiddleName",
      "preferredFamilyName",
      "primaryOrgSourcedId",
      "pronouns",
    ],
    roles: [...BASE, "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"],
    demographics: [
      ...BASE,
      "birthDate",
      "sex",
      "americanIndianOrAlaskaNative",
      "asian",
      "blackOrAfricanAmerican",
      "nativeHawaiianOrOtherPacificIslander",
      "white",
      "demographicRaceTwoOrMoreRaces",
      "hispanicOrLatinoEthnicity",
      "countryOfBirthCode",
      "stateOfBirthAbbreviation",
      "cityOfBirth",
      "publicSchoolResidenceStatus",
    ],
    enrollments: [...BASE, "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
  },
};

/** Columns without which a file cannot be read at all (a missing one is an error for the whole file). */
export const REQUIRED: Record<OneRosterVersion, Record<Exclude<UsedFile, "manifest">, readonly string[]>> = {
  "1.1": {
    orgs: ["sourcedId", "name", "type"],
    academicSessions: ["sourcedId", "title", "type", "startDate", "endDate"],
    courses: ["sourcedId", "title"],
    classes: ["sourcedId", "title", "schoolSourcedId"],
    users: ["sourcedId", "role", "orgSourcedIds", "givenName", "familyName"],
    roles: [],
    demographics: ["sourcedId"],
    enrollments: ["sourcedId", "classSourcedId", "userSourcedId", "role"],
  },
  "1.2": {
    orgs: ["sourcedId", "name", "type"],
    academicSessions: ["sourcedId", "title", "type", "startDate", "endDate"],
    courses: ["sourcedId", "title"],
    classes: ["sourcedId", "title", "schoolSourcedId"],
    users: ["sourcedId", "givenName", "familyName"],
    roles: ["sourcedId", "userSourcedId", "role", "orgSourcedId"],
    demographics: ["sourcedId"],
    enrollments: ["sourcedId", "classSourcedId", "userSourcedId", "role"],
  },
};

/**
 * Misspellings seen in real exports (the Catalyst fixtures): read as the
 * column they obviously mean, with a warning, since the meaning is certain.
 */
export const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  prefferedGivenName: "preferredGivenName",
  prefferedMiddleName: "preferredMiddleName",
  prefferedFamilyName: "preferredFamilyName",
  dataLastModified: "dateLastModified",
};

export const ORG_TYPES = ["department", "school", "district", "local", "state", "national"] as const;
export const SESSION_TYPES = ["gradingPeriod", "semester", "schoolYear", "term"] as const;
export const ENROLLMENT_ROLES = ["administrator", "proctor", "student", "teacher", "aide"] as const;
export const USER_ROLES = [
  "administrator",
  "aide",
  "counselor",
  "districtAdministrator",
  "guardian",
  "parent",
  "principal",
  "proctor",
  "relative",
  "siteAdministrator",
  "student",
  "systemAdministrator",
  "teacher",
] as const;
export type OneRosterRole = (typeof USER_ROLES)[number];
export const GUARDIAN_ROLES: readonly OneRosterRole[] = ["guardian", "parent", "relative"];
export const STAFF_ROLES: readonly OneRosterRole[] = USER_ROLES.filter((r) => r !== "student" && !GUARDIAN_ROLES.includes(r));

/** The app's roles a OneRoster staff role may become, or ROSTER: kept on class rosters, not invited (no sign-in). */
export const STAFF_TARGETS = ["ROSTER", "ADMIN", "COORDINATOR", "SPECIALIST", "ASSISTANT", "TEACHER"] as const;
export type StaffTarget = (typeof STAFF_TARGETS)[number];

/**
 * The mapping proposed on the dry-run screen, least privilege first:
 * teachers are invited as Teacher (issue 17: the Teacher role, decision 020,
 * sees only the classes the roster links to them, so inviting them is the
 * least privilege that lets them work); aides and proctors stay on class
 * rosters without an account unless the administrator invites them; only
 * district administrators are proposed as administrators. The administrator
 * confirms or changes each line.
 */
export const DEFAULT_STAFF_MAPPING: Readonly<Record<string, StaffTarget>> = {
  teacher: "TEACHER",
  aide: "ROSTER",
  proctor: "ROSTER",
  counselor: "SPECIALIST",
  principal: "COORDINATOR",
  siteAdministrator: "COORDINATOR",
  administrator: "COORDINATOR",
  districtAdministrator: "ADMIN",
  systemAdministrator: "ROSTER",
};

/**
 * CEDS grade codes (as OneRoster uses them) to the app's grades. Codes of no
 * PK-12 grade (infant/toddler, preschool, grade 13, postsecondary, ungraded,
 * other) map to null: outside what the app serves.
 */
export function gradeOf(code: string): { grade: GradeLevel | null; known: boolean; note?: string } {
  const c = code.trim();
  const upper = c.toUpperCase();
  if (upper === "PK") return { grade: "PK", known: true };
  if (upper === "TK") return { grade: "PK", known: true, note: "transitional kindergarten is read as PK" };
  if (upper === "KG" || upper === "K") return { grade: "KG", known: true };
  if (/^\d{1,2}$/.test(c)) {
    const n = Number(c);
    if (n >= 1 && n <= 12) return { grade: `G${n}` as GradeLevel, known: true };
    if (n === 13) return { grade: null, known: true };
    return { grade: null, known: false };
  }
  if (["IT", "PR", "PS", "UG", "OTHER"].includes(upper)) return { grade: null, known: true };
  return { grade: null, known: false };
}
