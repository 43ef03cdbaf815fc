import { z } from "zod";
import { NUL_MESSAGE, withoutNulText } from "@/domain/input-text";
import { GRADE_LABEL, GRADE_LEVELS, GRADE_SHORT } from "@/server/students/schemas";
import { INTERVENTION_AREAS, TIER_LABEL, TIER_LEVELS, type TierLevel } from "@/server/tiers/schemas";

// ESSA's evidence levels, as the database spells them, with the words and a
// one-line reading of each (ESSA section 8101(21); "not rated" is ours).
export const EVIDENCE_LEVELS = ["STRONG", "MODERATE", "PROMISING", "RATIONALE", "NOT_RATED"] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];
export const EVIDENCE_LABEL: Readonly<Record<EvidenceLevel, string>> = {
  STRONG: "Strong",
  MODERATE: "Moderate",
  PROMISING: "Promising",
  RATIONALE: "Demonstrates a rationale",
  NOT_RATED: "Not rated",
};
export const EVIDENCE_MEANING: Readonly<Record<EvidenceLevel, string>> = {
  STRONG: "At least one well-designed, well-implemented randomised (experimental) study found a significant positive effect.",
  MODERATE: "At least one well-designed, well-implemented quasi-experimental study found a significant positive effect.",
  PROMISING: "At least one well-designed correlational study with statistical controls found a significant positive effect.",
  RATIONALE: "A research-based logic model says it is likely to work; its effects are still being studied.",
  NOT_RATED: "Nobody has rated its evidence against the ESSA levels yet.",
};
export const EVIDENCE_OPTIONS = EVIDENCE_LEVELS.map((value) => ({ value, label: EVIDENCE_LABEL[value], description: EVIDENCE_MEANING[value] }));

export const MAX_NAME = 120;
export const MAX_DESCRIPTION = 2000;
/** What a family can do at home, per language: a short paragraph on the family progress report. */
export const MAX_AT_HOME = 1000;
export const MAX_SOURCE_URL = 500;
export const MAX_COMPONENTS = 20;
export const MAX_COMPONENT = 200;
const MAX_MEASURES = 50;

/** Recommended dosage: the limits of each number, and the words for its message. */
export const DOSAGE_LIMITS = {
  minutesPerSession: { min: 1, max: 240, label: "minutes per session" },
  sessionsPerWeek: { min: 1, max: 10, label: "sessions per week" },
  weeks: { min: 1, max: 52, label: "number of weeks" },
  groupSizeMin: { min: 1, max: 30, label: "smallest group size" },
  groupSizeMax: { min: 1, max: 30, label: "largest group size" },
} as const;
type DosageField = keyof typeof DOSAGE_LIMITS;

const blank = (v: unknown) => typeof v === "string" && v.trim() === "";

/** An optional whole number in the field's range; blank is "no recommendation" (null). */
function dosage(field: DosageField) {
  const { min, max, label } = DOSAGE_LIMITS[field];
  const message = `Enter the ${label} as a whole number from ${min} to ${max}, or leave it blank.`;
  return z
    .preprocess((v) => (blank(v) ? undefined : v), z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).optional())
    .transform((v) => v ?? null);
}

/** An optional grade bound; blank is "not stated" (null). */
function gradeBound(label: string) {
  const message = `Choose the ${label} from the list, or leave it blank.`;
  return z
    .preprocess((v) => (blank(v) ? undefined : v), z.enum(GRADE_LEVELS, { error: message }).optional())
    .transform((v) => v ?? null);
}

/** Labels are compared without regard to case, so "Warm-up" and "warm-up" are one component. */
export const componentKey = (label: string) => label.toLocaleLowerCase("en-US");

const components = z
  .string()
  .max(10_000, `List at most ${MAX_COMPONENTS} components of at most ${MAX_COMPONENT} characters each.`)
  .default("")
  .transform((text, c) => {
    // One per line, in order; blank lines are not components.
    const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    if (lines.length > MAX_COMPONENTS) c.addIssue({ code: "custom", message: `List at most ${MAX_COMPONENTS} components; you listed ${lines.length}.` });
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      if (line.length > MAX_COMPONENT) c.addIssue({ code: "custom", message: `Keep each component to ${MAX_COMPONENT} characters; component ${i + 1} has ${line.length}.` });
      const key = componentKey(line);
      if (seen.has(key)) c.addIssue({ code: "custom", message: `List each component once: "${line.slice(0, 60)}" appears twice.` });
      seen.add(key);
    });
    return lines;
  });

const interventionFields = {
  name: z
    .string({ error: "Enter the intervention's name." })
    .trim()
    .min(1, "Enter the intervention's name.")
    .max(MAX_NAME, `Use at most ${MAX_NAME} characters.`),
  area: z.enum(INTERVENTION_AREAS, { error: "Choose the area." }),
  tiers: z
    .array(z.enum(TIER_LEVELS, { error: "Choose from the listed tiers." }))
    .min(1, "Choose at least one tier the intervention suits.")
    .transform((v) => TIER_LEVELS.filter((t) => v.includes(t))),
  description: z.string().trim().max(MAX_DESCRIPTION, `Use at most ${MAX_DESCRIPTION} characters.`).default(""),
  atHome: z.string().trim().max(MAX_AT_HOME, `Use at most ${MAX_AT_HOME} characters.`).default(""),
  atHomeEs: z.string().trim().max(MAX_AT_HOME, `Use at most ${MAX_AT_HOME} characters.`).default(""),
  evidenceLevel: z.enum(EVIDENCE_LEVELS, { error: "Choose the evidence level." }),
  sourceUrl: z
    .preprocess(
      (v) => (blank(v) ? undefined : typeof v === "string" ? v.trim() : v),
      z
        .string()
        .max(MAX_SOURCE_URL, `Use at most ${MAX_SOURCE_URL} characters.`)
        .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "Enter a web address that starts with http:// or https://, like https://ies.ed.gov/ncee/wwc/." }))
        .optional(),
    )
    .transform((v) => v ?? null),
  minutesPerSession: dosage("minutesPerSession"),
  sessionsPerWeek: dosage("sessionsPerWeek"),
  weeks: dosage("weeks"),
  groupSizeMin: dosage("groupSizeMin"),
  groupSizeMax: dosage("groupSizeMax"),
  gradeMin: gradeBound("lowest grade"),
  gradeMax: gradeBound("highest grade"),
  components,
  unverifiedMeasureIds: z
    .array(z.string().max(100))
    .max(MAX_MEASURES, "Choose measures from the list.")
    .transform((v) => [...new Set(v)]),
};

type RawIntervention = z.output<z.ZodObject<typeof interventionFields>>;
function groupSizeInOrder(v: RawIntervention, c: z.RefinementCtx) {
  if (v.groupSizeMin !== null && v.groupSizeMax !== null && v.groupSizeMin > v.groupSizeMax) {
    c.addIssue({ code: "custom", path: ["groupSizeMax"], message: "The largest group size cannot be smaller than the smallest." });
  }
  // GRADE_LEVELS is in school order, so its index compares grades.
  if (v.gradeMin !== null && v.gradeMax !== null && GRADE_LEVELS.indexOf(v.gradeMin) > GRADE_LEVELS.indexOf(v.gradeMax)) {
    c.addIssue({ code: "custom", path: ["gradeMax"], message: "The highest grade cannot be below the lowest grade." });
  }
}

export const ZCreateInterventionInput = z.object(interventionFields).strict().superRefine(groupSizeInOrder);
export type TCreateInterventionInput = z.infer<typeof ZCreateInterventionInput>;

/** The columns of the Intervention row (components and measures are rows of their own). */
export type InterventionColumns = Pick<
  TCreateInterventionInput,
  "name" | "area" | "tiers" | "description" | "atHome" | "atHomeEs" | "evidenceLevel" | "sourceUrl" | "minutesPerSession" | "sessionsPerWeek" | "weeks" | "groupSizeMin" | "groupSizeMax" | "gradeMin" | "gradeMax"
>;
export function interventionColumns(v: InterventionColumns): InterventionColumns {
  return {
    name: v.name,
    area: v.area,
    tiers: v.tiers,
    description: v.description,
    atHome: v.atHome,
    atHomeEs: v.atHomeEs,
    evidenceLevel: v.evidenceLevel,
    sourceUrl: v.sourceUrl,
    minutesPerSession: v.minutesPerSession,
    sessionsPerWeek: v.sessionsPerWeek,
    weeks: v.weeks,
    groupSizeMin: v.groupSizeMin,
    groupSizeMax: v.groupSizeMax,
    gradeMin: v.gradeMin,
    gradeMax: v.gradeMax,
  };
}

export const ZUpdateInterventionInput = z
  .object({ ...interventionFields, unverifiedInterventionId: z.string().max(100), version: z.coerce.number().int().min(1) })
  .strict()
  .superRefine(groupSizeInOrder);
export type TUpdateInterventionInput = z.infer<typeof ZUpdateInterventionInput>;

export const ZSetInterventionRetiredInput = z.object({ unverifiedInterventionId: z.string().max(100), retired: z.enum(["yes", "no"]) }).strict();

/** Form fields that are checkbox groups (always arrays for formToObject). */
export const INTERVENTION_ARRAY_FIELDS = ["tiers", "unverifiedMeasureIds"] as const;

export const INTERVENTION_PAGE_SIZE = 50;

/** What a denied audit event names when an id from the browser finds nothing (cut to the column's size). */
export const interventionTarget = (unverifiedId: string) => ({ entityType: "Intervention", entityId: unverifiedId.slice(0, 64) });

/** The list's filters as GET parameters, read key by key with readQuery (a value not understood is reported, then not applied). */
export const INTERVENTION_LIST_QUERY = {
  q: z.string().trim().max(100).refine(withoutNulText, NUL_MESSAGE).default(""),
  area: z.enum(INTERVENTION_AREAS).optional(),
  tier: z.enum(TIER_LEVELS).optional(),
  evidence: z.enum(EVIDENCE_LEVELS).optional(),
  retired: z.literal("on").optional().transform(Boolean),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
};
export type TInterventionListQuery = { [K in keyof typeof INTERVENTION_LIST_QUERY]: z.output<(typeof INTERVENTION_LIST_QUERY)[K]> };

type Dosage = Pick<InterventionColumns, "minutesPerSession" | "sessionsPerWeek" | "weeks" | "groupSizeMin" | "groupSizeMax">;

/** "1–5", "3", "4 or more", "up to 6"; null when neither bound is given. */
export function groupSizeRange({ groupSizeMin: lo, groupSizeMax: hi }: Dosage): string | null {
  if (lo !== null && hi !== null) return lo === hi ? `${lo}` : `${lo}–${hi}`;
  if (lo !== null) return `${lo} or more`;
  return hi !== null ? `up to ${hi}` : null;
}

/** "30 min × 3 a week for 12 weeks, groups of 1–5": the recommended dosage as one phrase, or null when none is given. */
export function dosagePhrase(d: Dosage): string | null {
  const session = [d.minutesPerSession !== null ? `${d.minutesPerSession} min` : null, d.sessionsPerWeek !== null ? `${d.sessionsPerWeek} a week` : null]
    .filter(Boolean)
    .join(" × ");
  const duration = d.weeks !== null ? `for ${d.weeks} ${d.weeks === 1 ? "week" : "weeks"}` : null;
  const size = groupSizeRange(d);
  const group = size === null ? null : size === "1" ? "one to one" : `groups of ${size}`;
  return [[session, duration].filter(Boolean).join(" "), group].filter(Boolean).join(", ") || null;
}

/** "Grades 3–8", "Kindergarten–Grade 2", "Grade 4", "Grade 6 and up", "Up to grade 3"; null when neither bound is given. */
export function gradeRangePhrase({ gradeMin: lo, gradeMax: hi }: Pick<InterventionColumns, "gradeMin" | "gradeMax">): string | null {
  if (lo !== null && hi !== null) {
    if (lo === hi) return GRADE_LABEL[lo];
    const numbered = lo.startsWith("G") && hi.startsWith("G");
    return numbered ? `Grades ${GRADE_SHORT[lo]}–${GRADE_SHORT[hi]}` : `${GRADE_LABEL[lo]}–${GRADE_LABEL[hi]}`;
  }
  if (lo !== null) return `${GRADE_LABEL[lo]} and up`;
  return hi !== null ? `Up to ${GRADE_LABEL[hi].toLowerCase()}` : null;
}

/** "Tier 2, Tier 3". */
export const tiersPhrase = (tiers: readonly TierLevel[]) => tiers.map((t) => TIER_LABEL[t]).join(", ");
