import "server-only";
import { z } from "zod";

/** A page's query string as Next.js passes it (a repeated key is an array). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query-string key (a hand-made link may repeat it). */
export const firstParam = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A page number from the query string; anything else is the first page. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

/**
 * Reads a page's filters from its query string, one key at a time, each with
 * its own schema (issue 21). A value that is given but not understood (an
 * unknown choice, a malformed id, a NUL, a page number of "abc") is not
 * silently dropped: the key falls back to what its schema makes of nothing
 * (its default, or no filter) AND is listed in `notUnderstood`, which the page
 * shows with <FilterNotice> ("That filter was not understood; showing all …").
 * Only the keys (fixed names from the shape) are reported, never the raw
 * value, so nothing a link carries is echoed back. A blank value is no filter.
 */
export function readQuery<S extends Record<string, z.ZodType>>(
  shape: S,
  params: SearchParams,
): { values: { [K in keyof S]: z.output<S[K]> }; notUnderstood: (keyof S & string)[] } {
  const values: Record<string, unknown> = {};
  const notUnderstood: (keyof S & string)[] = [];
  for (const [key, schema] of Object.entries(shape) as [keyof S & string, z.ZodType][]) {
    const raw = firstParam(params[key]);
    const given = raw !== undefined && raw.trim() !== "";
    const read = given ? schema.safeParse(raw) : undefined;
    if (read?.success) {
      values[key] = read.data;
      continue;
    }
    if (given) notUnderstood.push(key);
    const none = schema.safeParse(undefined);
    values[key] = none.success ? none.data : undefined;
  }
  return { values: values as { [K in keyof S]: z.output<S[K]> }, notUnderstood };
}

/** A page number as readQuery reads it: a whole number from 1; absent is the first page. */
export const pageKey = z.coerce.number().int().min(1).max(100_000).default(1);

/** How FilterNotice names a query-string key to the reader. */
export const QUERY_KEY_LABEL: Readonly<Record<string, string>> = {
  q: "search",
  page: "page number",
  area: "area",
  tier: "tier",
  evidence: "evidence level",
  retired: "retired",
  status: "status",
  school: "school",
  day: "day",
  logged: "logged session",
  tierArea: "tier area",
  grade: "grade",
  englishLearner: "English learner",
  plan: "plan",
  member: "staff member",
  flag: "flag",
  archived: "archived",
  sort: "sort order",
  window: "screening window",
  all: "tick all",
  year: "school year",
  measure: "measure",
};

/**
 * A piece of what a link carried, quoted for a message that names it ("Unknown
 * kind of history: "diagnosis""): control characters, bidirectional marks and
 * lone surrogates removed, cut to max characters (with …). React escapes the
 * rest; this keeps a message from carrying a NUL, a line break or a long paste.
 */
export function quoteInput(text: string, max = 40): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
  return `"${clean.length > max ? `${clean.slice(0, max)}…` : clean}"`;
}
