// The shared hostile values of the hostile-input suite (issue 21,
// docs/decisions/040-hostile-input-tests.md). One set for every action and
// every page: each action's input is the reach case's valid input with one to
// three of its fields corrupted by a value that MUST be refused wherever it
// lands (so "nothing written" is a property, not a hope). Values that a field
// may legitimately accept (emoji, right-to-left text) are not here: they
// would be saved, as they should.
import fc from "fast-check";
import type { World } from "../reach/world";

/** Ids of the seeded world that hostile input names: another district's records, and rows of a kind no action takes. */
export interface HostileIds {
  /** Records of the other district (a school, a student, a plan, a membership): never reachable from the world's district. */
  otherDistrict: string[];
  /** Real ids of the world's district of a kind no action input names (a screening score, a benchmark, a class enrolment). */
  wrongKind: string[];
}

/** Text no field may store: NUL (PostgreSQL refuses it). */
export const NUL_TEXT = ["a\u0000b", "\u0000", "Zarkovian\u0000' OR 1=1 --"] as const;
/**
 * Lone UTF-16 surrogates (not encodable as UTF-8: they would be saved as
 * U+FFFD). Only an object input can carry one: FormData (and so a browser's
 * form) already turns them into U+FFFD, a character like any other.
 */
export const SURROGATE_TEXT = ["\uD800", "ab\uDFFFcd", "\uDBFF\uDBFF", "🙂\uD83D"] as const;
export const UNSTORABLE_TEXT = [...NUL_TEXT, ...SURROGATE_TEXT] as const;

/** Far longer than any field accepts, yet well under the 1 MB body limit of a server action. */
export const HUGE = "Z".repeat(200_000);

/** Dates that are not days: each must be refused by every date field. */
export const BAD_DATES = ["0000-00-00", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "+275760-09-13", "-000001-01-01", "2026-1-1", "yesterday", "1e10", "2026-06-15T00:00:00Z'--", "٢٠٢٦-٠١-٠١"] as const;

/** Ids no record has, or that are not ids at all. */
export const BAD_IDS = ["00000000-0000-4000-8000-000000000000", "not-an-id", "1 OR 1=1", "../../etc/passwd", "%00", "x".repeat(5_000), "ＡＢＣ", "\u202Eevil"] as const;

/** Field names no action accepts (strict schemas refuse unknown fields). */
export const UNKNOWN_KEYS = ["isAdmin", "districtId", "role_override", "constructor", "__proto__", "zz\u202Eunknown"] as const;

/** Values of the wrong type for actions called with an object (a crafted request can send any JSON-like value). */
export const WRONG_TYPES: unknown[] = [null, 42, -1, Number.NaN, true, [], [[]], {}, { nested: { deeper: "x" } }, ["a", "b"], 1e308];

const unstorable = (objectCall: boolean): string[] => (objectCall ? [...UNSTORABLE_TEXT] : [...NUL_TEXT]);
export const textHostile = (objectCall: boolean) => fc.oneof(fc.constantFrom(...unstorable(objectCall)), fc.constant(HUGE));
export const dateHostile = (objectCall: boolean) => fc.constantFrom(...BAD_DATES, ...unstorable(objectCall));
export const idHostile = (ids: HostileIds, objectCall: boolean) => fc.constantFrom(...BAD_IDS, ...ids.otherDistrict, ...ids.wrongKind, ...unstorable(objectCall));

export type Fields = Record<string, unknown>;
/** A corruption of one action's input, with a label for the failure message. */
export interface Corruption {
  label: string;
  apply: (fields: Fields) => Fields;
}

export type FieldKind = "id" | "ids" | "date" | "text" | "texts" | "file" | "other";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a field of a reach case's valid input holds, from its name and value:
 * ids are named unverified…Id(s) or …Id (or hold an id of the world), dates
 * are ISO days or named as dates.
 */
export function fieldKind(name: string, value: unknown, worldIds: Set<string>): FieldKind {
  if (typeof File !== "undefined" && value instanceof File) return "file";
  const idName = /^unverified.*Ids?$|Ids?$/.test(name);
  if (Array.isArray(value)) return idName || value.some((v) => worldIds.has(String(v))) ? "ids" : "texts";
  if (typeof value !== "string") return "other";
  if (idName || worldIds.has(value)) return "id";
  if (ISO_DAY.test(value) || /(^date$|Date$|On$|^from$|^to$|Due$|-start$|-end$)/.test(name)) return "date";
  return "text";
}

/** Every id of the world (for telling id fields from text). */
export function worldIdSet(w: World): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v)) out.add(v);
    else if (v && typeof v === "object") for (const x of Object.values(v)) visit(x);
  };
  visit(w);
  return out;
}

/** One corruption that must be refused, for a field of the given kind. */
function corruptField(name: string, kind: FieldKind, ids: HostileIds, objectCall: boolean): fc.Arbitrary<Corruption> | undefined {
  const set = (label: string, value: unknown): Corruption => ({ label: `${name} = ${label}`, apply: (f) => ({ ...f, [name]: value }) });
  const show = (v: unknown) => (typeof v === "string" && v.length > 60 ? `${JSON.stringify(v.slice(0, 20))}…(${v.length} chars)` : JSON.stringify(v));
  switch (kind) {
    case "id":
      return idHostile(ids, objectCall).map((v) => set(show(v), v));
    case "ids":
      // A hostile id alone, or slipped in beside the valid ones: the whole request is refused, nothing saved for the valid ones.
      return fc.tuple(idHostile(ids, objectCall), fc.boolean()).map(([v, beside]) => ({ label: `${name} += ${show(v)}`, apply: (f) => ({ ...f, [name]: beside ? [...((f[name] as unknown[]) ?? []), v] : [v] }) }));
    case "date":
      return dateHostile(objectCall).map((v) => set(show(v), v));
    case "text":
      return textHostile(objectCall).map((v) => set(show(v), v));
    case "texts":
      return textHostile(objectCall).map((v) => ({ label: `${name} += ${show(v)}`, apply: (f) => ({ ...f, [name]: [...((f[name] as unknown[]) ?? []), v] }) }));
    case "file":
      // Text where the file goes (a crafted form): no file to read is a refusal.
      return fc.constantFrom<string>("not a file", "", ...NUL_TEXT).map((v) => set(`${JSON.stringify(v)} instead of a file`, v));
    default:
      return undefined;
  }
}

/**
 * The corruptions of one action's valid input: per field (by its kind), an
 * unknown field, and for object-called actions a value of the wrong type in
 * any field. One to three are applied per run.
 */
export function corruptionsOf(valid: Fields, worldIds: Set<string>, ids: HostileIds, objectCall: boolean, unknownFields = true): fc.Arbitrary<Corruption[]> {
  const options: fc.Arbitrary<Corruption>[] = [];
  for (const [name, value] of Object.entries(valid)) {
    const arb = corruptField(name, fieldKind(name, value, worldIds), ids, objectCall);
    if (arb) options.push(arb);
    if (objectCall) options.push(fc.constantFrom(...WRONG_TYPES).map((v) => ({ label: `${name} = ${JSON.stringify(v)} (wrong type)`, apply: (f) => ({ ...f, [name]: v }) })));
  }
  if (unknownFields) options.push(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.constantFrom("1", "yes", "")).map(([k, v]) => ({ label: `unknown field ${JSON.stringify(k)}`, apply: (f) => ({ ...f, [k]: v }) })));
  return fc.array(fc.oneof(...options), { minLength: 1, maxLength: 3 });
}

/** Hostile values for a page's query-string key: any of the above, one or repeated. */
export const queryHostile = (ids: HostileIds) =>
  fc.oneof(
    fc.constantFrom<string>(...UNSTORABLE_TEXT, ...BAD_DATES, ...BAD_IDS, ...ids.otherDistrict, ...ids.wrongKind, "-1", "0", "1e309", "NaN", "99999999999999999999", "", " ", HUGE.slice(0, 20_000)),
    fc.array(fc.constantFrom<string>(...BAD_IDS, ...BAD_DATES, "1", ""), { minLength: 2, maxLength: 3 }),
  );
