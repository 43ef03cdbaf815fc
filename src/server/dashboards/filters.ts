import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { SEASONS, SEASON_LABEL, type Season } from "@/domain/benchmarks";
import { scopeOf } from "@/domain/permissions";
import { schoolYearLabel, schoolYearOf } from "@/domain/screening";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { firstParam, type SearchParams } from "@/server/search-params";
import { GRADE_LABEL, GRADE_LEVELS, type GradeLevel } from "@/server/students/schemas";
import { AREA_LABEL, INTERVENTION_AREAS, type InterventionArea } from "@/server/tiers/schemas";

// The outcome dashboards' filters (issue 18, decision 023): school year,
// screening window, school, grade, area and subgroup, ids and codes only in
// the URL (decision 005). One schema for every dashboard and its CSV; a value
// it does not know, or a school outside the viewer's, is refused with a
// message the page shows in place of the figures, never an error page.

/**
 * The subgroups of the equity view and the subgroup filter: the federal race
 * and ethnicity categories (Hispanic or Latino of any race first, then one
 * race, then two or more), English learners, economically disadvantaged,
 * gender, and students with a disability (an active IEP or 504 plan).
 */
export const SUBGROUPS = [
  "hispanic",
  "americanIndian",
  "asian",
  "black",
  "pacificIslander",
  "white",
  "twoOrMore",
  "englishLearner",
  "economic",
  "female",
  "male",
  "nonbinary",
  "disability",
] as const;
export type Subgroup = (typeof SUBGROUPS)[number];

export const SUBGROUP_LABEL: Readonly<Record<Subgroup, string>> = {
  hispanic: "Hispanic or Latino",
  americanIndian: "American Indian or Alaska Native",
  asian: "Asian",
  black: "Black or African American",
  pacificIslander: "Native Hawaiian or Other Pacific Islander",
  white: "White",
  twoOrMore: "Two or more races",
  englishLearner: "English learners",
  economic: "Economically disadvantaged",
  female: "Female",
  male: "Male",
  nonbinary: "Nonbinary",
  disability: "Students with a disability (IEP or 504)",
};

const oneRace = (race: string) => Prisma.raw(`(NOT s."hispanicLatino" AND cardinality(s."races") = 1 AND s."races"[1] = '${race}')`);

/** Each subgroup as a predicate on the student (alias s). Constants of the code, never input. */
export const SUBGROUP_SQL: Readonly<Record<Subgroup, Prisma.Sql>> = {
  hispanic: Prisma.raw(`s."hispanicLatino"`),
  americanIndian: oneRace("AMERICAN_INDIAN_ALASKA_NATIVE"),
  asian: oneRace("ASIAN"),
  black: oneRace("BLACK_AFRICAN_AMERICAN"),
  pacificIslander: oneRace("NATIVE_HAWAIIAN_PACIFIC_ISLANDER"),
  white: oneRace("WHITE"),
  twoOrMore: Prisma.raw(`(NOT s."hispanicLatino" AND cardinality(s."races") > 1)`),
  englishLearner: Prisma.raw(`s."englishLearner"`),
  economic: Prisma.raw(`s."economicallyDisadvantaged"`),
  female: Prisma.raw(`s."gender" = 'FEMALE'`),
  male: Prisma.raw(`s."gender" = 'MALE'`),
  nonbinary: Prisma.raw(`s."gender" = 'NONBINARY'`),
  disability: Prisma.raw(`(s."hasIep" OR s."has504")`),
};

const blank = (v: unknown) => (v === "" || v === undefined ? undefined : v);
const choice = <T extends string>(values: readonly T[], message: string) => z.preprocess(blank, z.enum(values as [T, ...T[]], { error: message }).optional());

export const ZDashboardQuery = z.strictObject(
  {
    year: z.preprocess(
      blank,
      z.coerce
        .number({ error: "The school year must be a year such as 2026." })
        .int("The school year must be a year such as 2026.")
        .min(2000, "There is no data for school years before 2000.")
        .max(2100, "That school year is too far ahead.")
        .optional(),
    ),
    window: choice(SEASONS, "Choose a screening window from the list: fall, winter or spring."),
    school: z.preprocess(blank, z.uuid({ error: "That school is not one we know: choose one from the list." }).optional()),
    grade: choice(GRADE_LEVELS, "That grade is not one we know: choose one from the list."),
    area: choice(INTERVENTION_AREAS, "That area is not one we know: choose one from the list."),
    subgroup: choice(SUBGROUPS, "That subgroup is not one we know: choose one from the list."),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? "The link has something in it we do not read: use the filters on the page." : "The link's filters are not ones we read: use the filters on the page.",
  },
);
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

export interface Filters {
  year: number;
  window: Season | undefined;
  school: string | undefined;
  grade: GradeLevel | undefined;
  area: InterventionArea | undefined;
  subgroup: Subgroup | undefined;
}

/** The viewer's schools: null = the district (administrators, and coordinators with no schools named). */
export type DashboardScope = readonly string[] | null;

export function dashboardScopeOf(ctx: Ctx): DashboardScope {
  return scopeOf(ctx.role, "dashboard.view") === "school" && ctx.schoolIds.length ? ctx.schoolIds : null;
}

export interface FilterOptions {
  schools: Option[];
  years: Option[];
  windows: Option<Season>[];
  grades: Option<GradeLevel>[];
  areas: Option<InterventionArea>[];
  subgroups: Option<Subgroup>[];
}

export type Resolved =
  | { ok: true; filters: Filters; options: FilterOptions; scope: DashboardScope; where: string }
  | { ok: false; message: string; options: FilterOptions; where: string };

/**
 * Reads and checks the query string against what the viewer may see: the
 * schools offered are theirs only (a school of another is refused with the
 * same words as an unknown one, so a link tells nothing), the years are those
 * with screening windows plus the current one. One statement.
 */
export async function resolveFilters(tx: Tx, ctx: Ctx, params: SearchParams, today: string): Promise<Resolved> {
  const scope = dashboardScopeOf(ctx);
  const [row] = await tx.$queryRaw<{ schools: { id: string; name: string }[] | null; years: number[] | null }[]>`
    SELECT
      (SELECT json_agg(json_build_object('id', sc."id", 'name', sc."name") ORDER BY sc."name", sc."id") FROM "School" sc
        WHERE sc."districtId" = ${ctx.districtId}::uuid AND sc."archivedAt" IS NULL
          ${scope ? Prisma.sql`AND sc."id" = ANY(${[...scope]}::uuid[])` : Prisma.empty}) AS "schools",
      (SELECT array_agg(DISTINCT w."schoolYear" ORDER BY w."schoolYear" DESC) FROM "ScreeningWindow" w WHERE w."districtId" = ${ctx.districtId}::uuid) AS "years"`;
  const current = schoolYearOf(today);
  const years = [...new Set([current, ...(row?.years ?? [])])].sort((a, b) => b - a);
  const options: FilterOptions = {
    schools: (row?.schools ?? []).map((s) => ({ value: s.id, label: s.name })),
    years: years.map((y) => ({ value: String(y), label: schoolYearLabel(y) })),
    windows: SEASONS.map((s) => ({ value: s, label: SEASON_LABEL[s] })),
    grades: GRADE_LEVELS.map((g) => ({ value: g, label: GRADE_LABEL[g] })),
    areas: INTERVENTION_AREAS.map((a) => ({ value: a, label: AREA_LABEL[a] })),
    subgroups: SUBGROUPS.map((g) => ({ value: g, label: SUBGROUP_LABEL[g] })),
  };
  const everywhere = scope ? (scope.length === 1 ? (options.schools[0]?.label ?? "your school") : "your schools") : "the district";
  const input = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, firstParam(v)]));
  const parsed = ZDashboardQuery.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "The link's filters are not ones we read: use the filters on the page.", options, where: everywhere };
  const q = parsed.data;
  const school = q.school ? options.schools.find((s) => s.value === q.school) : undefined;
  if (q.school && !school) return { ok: false, message: "That school is not one we know, or not one of yours: choose one from the list.", options, where: everywhere };
  if (q.year !== undefined && q.year > current) return { ok: false, message: `The ${schoolYearLabel(q.year)} school year has not started: there are no figures for it yet.`, options, where: everywhere };
  const filters: Filters = { year: q.year ?? current, window: q.window, school: q.school, grade: q.grade, area: q.area, subgroup: q.subgroup };
  const parts = [school?.label ?? everywhere, q.grade ? GRADE_LABEL[q.grade] : null, q.subgroup ? SUBGROUP_LABEL[q.subgroup] : null].filter(Boolean);
  return { ok: true, filters, options, scope, where: parts.join(", ") };
}

/** The open students a dashboard counts (alias s): the viewer's schools, then the school, grade and subgroup chosen. */
export function studentsSql(districtId: string, scope: DashboardScope, f: Pick<Filters, "school" | "grade" | "subgroup">) {
  return Prisma.sql`s."districtId" = ${districtId}::uuid AND s."archivedAt" IS NULL
    ${f.school ? Prisma.sql`AND s."schoolId" = ${f.school}::uuid` : scope ? Prisma.sql`AND s."schoolId" = ANY(${[...scope]}::uuid[])` : Prisma.empty}
    ${f.grade ? Prisma.sql`AND s."grade" = ${f.grade}::"GradeLevel"` : Prisma.empty}
    ${f.subgroup ? Prisma.sql`AND ${SUBGROUP_SQL[f.subgroup]}` : Prisma.empty}`;
}

/** The first and last day of a school year (July to June). */
export const yearBounds = (year: number) => ({ from: `${year}-07-01`, to: `${year + 1}-06-30` });

/** The query string of a set of filters, for links and CSV downloads (only what is set). */
export function filterQuery(f: Partial<Filters>): string {
  const entries = Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== "") as [string, string | number][];
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}
