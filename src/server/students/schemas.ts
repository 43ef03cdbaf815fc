import { z } from "zod";
import { NUL_MESSAGE, withoutNulText } from "@/domain/input-text";
import type { ActionState } from "@/domain/action-state";
import type { CaseRole } from "@/server/caseloads/schemas";
import { ATTENTION_FLAGS } from "@/server/dashboards/schemas";
import { INTERVENTION_AREAS, TIER_LEVELS, type InterventionArea, type TierLevel } from "@/server/tiers/schemas";

// Enum values as the database spells them, with the words people use.
export const GRADE_LEVELS = ["PK", "KG", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9", "G10", "G11", "G12"] as const;
export type GradeLevel = (typeof GRADE_LEVELS)[number];
export const GRADE_LABEL: Readonly<Record<GradeLevel, string>> = {
  PK: "Pre-K",
  KG: "Kindergarten",
  G1: "Grade 1",
  G2: "Grade 2",
  G3: "Grade 3",
  G4: "Grade 4",
  G5: "Grade 5",
  G6: "Grade 6",
  G7: "Grade 7",
  G8: "Grade 8",
  G9: "Grade 9",
  G10: "Grade 10",
  G11: "Grade 11",
  G12: "Grade 12",
};
/** Short forms for tables: PK, K, 1..12. */
export const GRADE_SHORT: Readonly<Record<GradeLevel, string>> = Object.fromEntries(
  GRADE_LEVELS.map((g) => [g, g === "KG" ? "K" : g.replace(/^G/, "")]),
) as Record<GradeLevel, string>;

export const GENDERS = ["FEMALE", "MALE", "NONBINARY", "NOT_SPECIFIED"] as const;
export const GENDER_LABEL: Readonly<Record<(typeof GENDERS)[number], string>> = {
  FEMALE: "Female",
  MALE: "Male",
  NONBINARY: "Nonbinary",
  NOT_SPECIFIED: "Not specified",
};

export const RACES = ["AMERICAN_INDIAN_ALASKA_NATIVE", "ASIAN", "BLACK_AFRICAN_AMERICAN", "NATIVE_HAWAIIAN_PACIFIC_ISLANDER", "WHITE"] as const;
export const RACE_LABEL: Readonly<Record<(typeof RACES)[number], string>> = {
  AMERICAN_INDIAN_ALASKA_NATIVE: "American Indian or Alaska Native",
  ASIAN: "Asian",
  BLACK_AFRICAN_AMERICAN: "Black or African American",
  NATIVE_HAWAIIAN_PACIFIC_ISLANDER: "Native Hawaiian or Other Pacific Islander",
  WHITE: "White",
};


/** An empty form field means "not given". */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters.`).optional()).transform((v) => v ?? null);
const checkbox = z.enum(["on"]).optional().transform(Boolean);

// ---------------------------------------------------------------------------
// The student list: a form, never a URL (names must not appear in URLs).

export const STUDENT_SORTS = ["name", "grade", "school", "localId"] as const;
export const STUDENT_SORT_LABEL: Readonly<Record<(typeof STUDENT_SORTS)[number], string>> = {
  name: "Name",
  grade: "Grade",
  school: "School",
  localId: "Local id",
};
export const PLAN_FILTERS = ["iep", "504", "either", "neither"] as const;
export const PLAN_FILTER_LABEL: Readonly<Record<(typeof PLAN_FILTERS)[number], string>> = {
  iep: "Has an IEP",
  "504": "Has a 504 plan",
  either: "Has an IEP or a 504 plan",
  neither: "Has neither",
};

export const STUDENT_PAGE_SIZE = 50;

const optionalFilter = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());
const pageNumber = z.coerce.number().int().min(1).max(100_000);

/**
 * The list's search, filters, sort and page as the form sends them. A bad
 * page number (never typed by a person) falls back to the first page.
 */
export const ZStudentListQuery = z
  .object({
    q: z.string().trim().max(100, "Use at most 100 characters.").refine(withoutNulText, NUL_MESSAGE).default(""),
    school: optionalFilter(z.uuid("Choose a school from the list.")),
    grade: optionalFilter(z.enum(GRADE_LEVELS, { error: "Choose a grade from the list." })),
    englishLearner: optionalFilter(z.enum(["yes", "no"], { error: "Choose from the list." })),
    plan: optionalFilter(z.enum(PLAN_FILTERS, { error: "Choose from the list." })),
    member: optionalFilter(z.uuid("Choose a staff member from the list.")),
    tierArea: optionalFilter(z.enum(INTERVENTION_AREAS, { error: "Choose an area from the list." })),
    tier: optionalFilter(z.enum(TIER_LEVELS, { error: "Choose a tier from the list." })),
    flag: optionalFilter(z.enum(ATTENTION_FLAGS, { error: "Choose from the list." })),
    archived: checkbox,
    sort: optionalFilter(z.enum(STUDENT_SORTS, { error: "Choose a sort order from the list." })).transform((v) => v ?? "name"),
    page: pageNumber.catch(1).default(1),
  })
  .strict()
  // A tier without an area means "in any area" (Tier 1: in every area); an area alone says nothing.
  .superRefine((v, c) => {
    if (v.tierArea && !v.tier) c.addIssue({ code: "custom", path: ["tier"], message: "Choose the tier to filter by in this area." });
  });
export type TStudentListQuery = z.infer<typeof ZStudentListQuery>;
export const DEFAULT_STUDENT_LIST_QUERY: TStudentListQuery = { q: "", archived: false, sort: "name", page: 1 };

/**
 * The filters that may travel in the list's address (/students?school=…&tier=…),
 * so a list can be bookmarked and shared: choices from fixed lists and ids,
 * never the search text, which may be a name (decision 005).
 */
export const STUDENT_URL_FILTERS = ["school", "grade", "englishLearner", "plan", "member", "tierArea", "tier", "flag", "archived", "sort"] as const;

/** The address of a list with these form values: only the URL filters, only when set (sort only when not the default). */
export function studentListHref(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const key of STUDENT_URL_FILTERS) {
    const v = values[key];
    if (typeof v !== "string" || v === "" || (key === "sort" && v === "name")) continue;
    params.set(key, v);
  }
  const query = params.toString();
  return query ? `/students?${query}` : "/students";
}

/**
 * The list's query from an address: its URL filters only (a q in a hand-made
 * link is ignored, so a name never comes from or goes to the address); a bad
 * value is dropped rather than shown as an error nobody typed.
 */
export function studentListQueryOf(params: Record<string, string | string[] | undefined>): { query: TStudentListQuery; values: Record<string, string>; notUnderstood: string[] } {
  const values: Record<string, string> = {};
  // Filters given but not understood: not applied, and named on the page (FilterNotice), never echoed.
  const notUnderstood: string[] = [];
  for (const key of STUDENT_URL_FILTERS) {
    const raw = params[key];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (typeof v !== "string" || v === "") continue;
    const one = ZStudentListQuery.safeParse({ [key]: v });
    if (one.success) values[key] = v;
    else notUnderstood.push(key);
  }
  const parsed = ZStudentListQuery.safeParse(values);
  if (parsed.success) return { query: parsed.data, values, notUnderstood };
  // An area without a tier: keep the rest.
  const rest = { ...values };
  delete rest.tierArea;
  return { query: ZStudentListQuery.parse(rest), values: rest, notUnderstood: [...notUnderstood, "tierArea"] };
}

// ---------------------------------------------------------------------------
// Create and edit.

export const GUARDIAN_ROWS = 4;
const GUARDIAN_PARTS = ["Name", "Relationship", "Phone", "Email", "Language"] as const;
type GuardianPart = (typeof GUARDIAN_PARTS)[number];
/** Form field name of one part of one guardian row, e.g. guardian0Name. */
export const guardianField = (row: number, part: GuardianPart) => `guardian${row}${part}`;

const guardianFields = Object.fromEntries(
  Array.from({ length: GUARDIAN_ROWS }, (_, row) => [
    [guardianField(row, "Name"), optionalText(120)],
    [guardianField(row, "Relationship"), optionalText(60)],
    [guardianField(row, "Phone"), optionalText(40).refine((v) => v === null || /^[0-9+().\-\s]*(?:(?:x|ext\.?)\s*\d+)?$/i.test(v), "Enter a phone number using digits, spaces, ( ) + - and an optional extension.")],
    [guardianField(row, "Email"), z.preprocess(blankToUndefined, z.string().trim().max(254, "Use at most 254 characters.").pipe(z.email("Enter an email address like name@example.org.")).optional()).transform((v) => v ?? null)],
    [guardianField(row, "Language"), optionalText(60)],
  ]).flat(),
) as Record<`guardian${number}${GuardianPart}`, z.ZodType<string | null>>;

/** Today's date as YYYY-MM-DD in UTC, the calendar dates of birth are kept in. */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** Whole years from a YYYY-MM-DD date to another. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** PK to grade 12: anyone outside these ages is a typing mistake (usually the year). */
export const MIN_AGE = 2;
export const MAX_AGE = 22;

const dateOfBirth = z
  .string({ error: "Enter the date of birth." })
  .trim()
  .min(1, "Enter the date of birth.")
  .pipe(z.iso.date("Enter the date of birth as a full date (year, month and day)."))
  .superRefine((v, c) => {
    const today = todayIso();
    if (v > today) {
      c.addIssue({ code: "custom", message: "The date of birth cannot be in the future." });
      return;
    }
    const age = ageOn(v, today);
    if (age < MIN_AGE || age > MAX_AGE) {
      const years = `${age} ${age === 1 ? "year" : "years"}`;
      c.addIssue({ code: "custom", message: `That makes the student ${years} old; a pre-K to grade 12 student is ${MIN_AGE} to ${MAX_AGE}. Check the year.` });
    }
  });

const studentFields = {
  localId: z
    .string({ error: "Enter the local student id." })
    .trim()
    .min(1, "Enter the local student id.")
    .max(32, "Use at most 32 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Use letters, digits, dots, dashes and underscores only."),
  legalFirstName: z.string({ error: "Enter the legal first name." }).trim().min(1, "Enter the legal first name.").max(80, "Use at most 80 characters."),
  legalMiddleName: optionalText(80),
  legalLastName: z.string({ error: "Enter the legal last name." }).trim().min(1, "Enter the legal last name.").max(80, "Use at most 80 characters."),
  preferredName: optionalText(80),
  dateOfBirth,
  grade: z.enum(GRADE_LEVELS, { error: "Choose a grade from the list (pre-K, kindergarten or 1 to 12)." }),
  unverifiedSchoolId: z.uuid("Choose a school from the list."),
  gender: z.preprocess(blankToUndefined, z.enum(GENDERS, { error: "Choose from the list." }).default("NOT_SPECIFIED")),
  hispanicLatino: checkbox,
  races: z
    .array(z.enum(RACES, { error: "Choose from the listed categories." }))
    .max(RACES.length)
    .transform((v) => [...new Set(v)]),
  englishLearner: checkbox,
  economicallyDisadvantaged: checkbox,
  homeLanguage: optionalText(60),
  ...guardianFields,
};

export interface GuardianInput {
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
}

type RawStudent = z.output<z.ZodObject<typeof studentFields>>;

/** Guardian rows that are not blank; a row with anything in it needs a name and a relationship. */
function guardiansOf(raw: RawStudent, c: z.RefinementCtx): GuardianInput[] {
  const rows = raw as unknown as Record<string, string | null>;
  const out: GuardianInput[] = [];
  for (let row = 0; row < GUARDIAN_ROWS; row++) {
    const [name, relationship, phone, email, preferredLanguage] = GUARDIAN_PARTS.map((p) => rows[guardianField(row, p)] ?? null);
    if (![name, relationship, phone, email, preferredLanguage].some(Boolean)) continue;
    if (!name) c.addIssue({ code: "custom", path: [guardianField(row, "Name")], message: "Enter the guardian's name, or clear this row." });
    if (!relationship) c.addIssue({ code: "custom", path: [guardianField(row, "Relationship")], message: "Enter how this person is related to the student (for example Mother, Grandfather, Foster parent)." });
    if (name && relationship) out.push({ name, relationship, phone: phone ?? null, email: email ?? null, preferredLanguage: preferredLanguage ?? null });
  }
  return out;
}

function toStudentInput(raw: RawStudent, c: z.RefinementCtx) {
  const guardians = guardiansOf(raw, c);
  return {
    localId: raw.localId,
    legalFirstName: raw.legalFirstName,
    legalMiddleName: raw.legalMiddleName,
    legalLastName: raw.legalLastName,
    preferredName: raw.preferredName,
    dateOfBirth: raw.dateOfBirth,
    grade: raw.grade,
    unverifiedSchoolId: raw.unverifiedSchoolId,
    gender: raw.gender,
    hispanicLatino: raw.hispanicLatino,
    races: raw.races,
    englishLearner: raw.englishLearner,
    economicallyDisadvantaged: raw.economicallyDisadvantaged,
    homeLanguage: raw.homeLanguage,
    guardians,
  };
}

export const ZCreateStudentInput = z.object(studentFields).strict().transform(toStudentInput);
export type TCreateStudentInput = z.infer<typeof ZCreateStudentInput>;

export const ZUpdateStudentInput = z
  .object({ ...studentFields, unverifiedStudentId: z.string().max(100), version: z.coerce.number().int().min(1) })
  .strict()
  .transform((raw, c) => ({ ...toStudentInput(raw, c), unverifiedStudentId: raw.unverifiedStudentId, version: raw.version }));
export type TUpdateStudentInput = z.infer<typeof ZUpdateStudentInput>;

export const ZArchiveStudentInput = z.object({ unverifiedStudentId: z.string().max(100), archived: z.enum(["yes", "no"]) }).strict();

/** Form fields that are checkbox groups (always arrays for formToObject). */
export const STUDENT_ARRAY_FIELDS = ["races"] as const;

// ---------------------------------------------------------------------------
// What the list hands to the browser.

export interface StudentRow {
  id: string;
  localId: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  grade: GradeLevel;
  schoolName: string;
  englishLearner: boolean;
  /** Null when the user may not see plan flags. */
  hasIep: boolean | null;
  has504: boolean | null;
  archived: boolean;
  /** Current caseload members. */
  members: { name: string; role: CaseRole }[];
  /** The current tier per area with a decision in effect (area order); null when the user may not see tiers. */
  tiers: { area: InterventionArea; tier: TierLevel }[] | null;
}

export interface StudentListResult {
  rows: StudentRow[];
  total: number;
  /** The page shown (a page past the end shows the last one). */
  page: number;
  pageCount: number;
}

/** The list form's action state: the query as typed, the results, and the outcome of a bulk assignment. */
export interface StudentListState {
  values: Record<string, string | string[]>;
  result: StudentListResult | null;
  error?: { code: string; message: string; fieldErrors?: Record<string, string[]> };
  /** The bulk assignment's outcome; on failure the chosen rows and fields stay as they were. */
  assign?: ActionState;
}
