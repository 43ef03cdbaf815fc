// Text from the browser that PostgreSQL cannot store: U+0000 (NUL) is refused
// in text and jsonb ("invalid byte sequence for encoding UTF8: 0x00"), so a
// NUL reaching a query is an error page instead of a refusal (issue 21).
// Checked once at the edges (every server action's input in runAction, every
// query string in the proxy) instead of in each schema.

export const NUL_MESSAGE = "Remove the invisible control character (NUL) from this field.";

/** Whether a value holds a NUL anywhere (strings, arrays, plain objects, keys included). */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  // Deeper than any form or action input: treat as suspect rather than recurse without end.
  if (depth > 20) return true;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  if (value && typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    return Object.entries(value).some(([k, v]) => k.includes("\u0000") || holdsNul(v, depth + 1));
  }
  return false;
}

/** The top-level fields of an action's input that hold a NUL ("_form" when the input itself is text, or a key does). */
export function fieldsWithNul(input: unknown): string[] {
  if (typeof input === "string" || Array.isArray(input)) return holdsNul(input) ? ["_form"] : [];
  if (!input || typeof input !== "object") return [];
  const fields = new Set<string>();
  for (const [key, value] of Object.entries(input)) if (key.includes("\u0000") ? true : holdsNul(value)) fields.add(key.includes("\u0000") ? "_form" : key);
  return [...fields];
}

/** Whether a URL's query string, decoded as a page will read it, holds a NUL. */
export function queryHoldsNul(search: URLSearchParams): boolean {
  for (const [key, value] of search) if (key.includes("\u0000") || value.includes("\u0000")) return true;
  return false;
}

/** A zod check for one text field: refuses a NUL with NUL_MESSAGE (defence in depth behind the edges above). */
export const withoutNulText = (value: string) => !value.includes("\u0000");
