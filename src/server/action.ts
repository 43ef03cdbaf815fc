import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { getContext, type Ctx } from "@/server/auth/session";
import { recordDenied } from "@/server/auth/policy";
import { AppError, DeniedError, logUnexpected } from "@/server/errors";
import { unstorableFieldErrors } from "@/domain/input-text";

export type ActionError = { code: string; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Field errors keyed by the input's top-level field name. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.code === "unrecognized_keys" ? "_form" : String(issue.path[0] ?? "_form");
    (out[key] ??= []).push(issue.code === "unrecognized_keys" ? "The form sent fields we do not accept." : issue.message);
  }
  return out;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * A form parsed by a schema, for the actions that do not go through runAction
 * (signing in, the second factor, the password): text that cannot be stored
 * as sent is refused first, as runAction does, then the schema's errors by field.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): { success: true; data: z.output<S> } | { success: false; fieldErrors: Record<string, string[]> } {
  const input = formToObject(form);
  const unstorable = unstorableFieldErrors(input);
  if (unstorable) return { success: false, fieldErrors: unstorable };
  const parsed = schema.safeParse(input);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/**
 * The shape of every server action (DESIGN.md §6): context (or a redirect to
 * sign in), strict input parsing, then the handler, which authorizes and does
 * its work in one tenant transaction. Expected failures come back as typed
 * results; anything else is logged with a reference id and shown generically.
 */
export async function runAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  input: unknown,
  handler: (ctx: Ctx, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  let ctx: Ctx | undefined;
  try {
    ctx = await getContext();
    // Before any schema: a NUL would reach the database as an error, a lone
    // surrogate would be saved as U+FFFD (src/domain/input-text.ts).
    const unstorable = unstorableFieldErrors(input);
    if (unstorable) return { ok: false, error: { code: "INVALID_INPUT", message: "Please correct the highlighted fields.", fieldErrors: unstorable } };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: "INVALID_INPUT", message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) } };
    }
    return { ok: true, data: await handler(ctx, parsed.data) };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof DeniedError && ctx) {
      await recordDenied(ctx, error.attempted, error.target).catch((e) => logUnexpected(e, `${name}: recording denied access`));
    }
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } };
    }
    const ref = logUnexpected(error, name);
    return { ok: false, error: { code: "UNEXPECTED", message: `Something went wrong and nothing was saved. If it happens again, give this reference to your administrator: ${ref}.` } };
  }
}

/**
 * The answer of an action that reads its FormData itself (form.get) when a
 * crafted request sends something else in its place: a refusal, not a TypeError.
 */
export const NOT_A_FORM_REFUSAL = { ok: false, error: { code: "INVALID_INPUT", message: "The form could not be read. Reload the page and try again." } } as const;

/** The field formToObject answers for input that is not a form at all. */
export const NOT_A_FORM = "(not a form)";

/**
 * FormData as a plain object for zod. Fields listed in arrayKeys are always
 * arrays (multi-selects, checkbox groups); Next.js's own $ACTION fields are dropped.
 */
export function formToObject(form: FormData, arrayKeys: readonly string[] = []): Record<string, unknown> {
  // A crafted request can send any value where the form should be (issue 21):
  // a field no strict schema accepts turns it into a refusal, not a TypeError.
  if (!(form instanceof FormData)) return { [NOT_A_FORM]: "" };
  // No prototype: a field named "__proto__" stays a field (and is refused as unknown) instead of vanishing.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).map((v) => (typeof v === "string" ? v : v.name));
    out[key] = arrayKeys.includes(key) ? values : values[0];
  }
  for (const key of arrayKeys) out[key] ??= [];
  return out;
}

/** A failed result with the submitted values (never passwords) for the form to show again. */
export function withSubmitted<T extends { ok: false }>(result: T, form: FormData, arrayKeys: readonly string[] = []) {
  const values = { ...formToObject(form, arrayKeys) } as Record<string, string | string[]>;
  for (const key of Object.keys(values)) if (/password/i.test(key)) delete values[key];
  return { ...result, values };
}
