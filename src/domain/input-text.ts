// Text from the browser that PostgreSQL cannot store: U+0000 (NUL) is refused
// in text and jsonb ("invalid byte sequence for encoding UTF8: 0x00"), so a
// NUL reaching a query is an error page instead of a refusal (issue 21).
// Checked once at the edges (every server action's input in runAction, every
// query string in the proxy) instead of in each schema.

export const NUL_MESSAGE = "Remove the invisible control character (NUL) from this field.";

/**
 * A lone UTF-16 surrogate (half of an emoji, from a crafted request or a
 * broken paste) cannot be encoded as UTF-8: the driver would silently store
 * U+FFFD instead, so what is saved is not what was sent. Refused like NUL.
 */
export const SURROGATE_MESSAGE = "Remove the broken character (half of an emoji or symbol) from this field.";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as sent (NUL_MESSAGE or SURROGATE_MESSAGE), or null when it can. */
export function unstorableReason(value: string): string | null {
  if (value.includes("\u0000")) return NUL_MESSAGE;
  return LONE_SURROGATE.test(value) ? SURROGATE_MESSAGE : null;
}

/** The first reason a value (strings, arrays, plain objects, keys included) cannot be stored as sent, or null. */
export function unstorableIn(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return unstorableReason(value);
  // Deeper than any form or action input: treat as suspect rather than recurse without end.
  if (depth > 20) return NUL_MESSAGE;
  if (Array.isArray(value)) {
    for (const v of value) {
      const why = unstorableIn(v, depth + 1);
      if (why) return why;
    }
    return null;
  }
  if (value && typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorableReason(k) ?? unstorableIn(v, depth + 1);
      if (why) return why;
    }
  }
  return null;
}

/**
 * Field errors for the top-level fields of an action's input that cannot be
 * stored as sent ("_form" when the input itself is text, or a key is), or
 * null when every field can. What runAction and the sign-in actions check first.
 */
export function unstorableFieldErrors(input: unknown): Record<string, string[]> | null {
  const out: Record<string, string[]> = {};
  if (typeof input === "string" || Array.isArray(input)) {
    const why = unstorableIn(input);
    if (why) out._form = [why];
  } else if (input && typeof input === "object") {
    for (const [key, value] of Object.entries(input)) {
      const keyWhy = unstorableReason(key);
      const why = keyWhy ?? unstorableIn(value);
      if (why) (out[keyWhy ? "_form" : key] ??= []).push(why);
    }
  }
  return Object.keys(out).length ? out : null;
}

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

/** A zod check for one text field: refuses NUL and lone surrogates (use with unstorableReason for the message). */
export const storableText = (value: string) => unstorableReason(value) === null;
