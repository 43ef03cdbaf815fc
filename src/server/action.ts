import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { getContext, type Ctx } from "@/server/auth/session";
import { recordDenied } from "@/server/auth/policy";
import { AppError, DeniedError, logUnexpected } from "@/server/errors";
import { fieldsWithNul, NUL_MESSAGE } from "@/domain/input-text";

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
    // Before any schema: a NUL would reach the database as an error (src/domain/input-text.ts).
    const withNul = fieldsWithNul(input);
    if (withNul.length) {
      return { ok: false, error: { code: "INVALID_INPUT", message: "Please correct the highlighted fields.", fieldErrors: Object.fromEntries(withNul.map((f) => [f, [NUL_MESSAGE]])) } };
    }
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
 * FormData as a plain object for zod. Fields listed in arrayKeys are always
 * arrays (multi-selects, checkbox groups); Next.js's own $ACTION fields are dropped.
 */
export function formToObject(form: FormData, arrayKeys: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
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
  const values = formToObject(form, arrayKeys) as Record<string, string | string[]>;
  for (const key of Object.keys(values)) if (/password/i.test(key)) delete values[key];
  return { ...result, values };
}
