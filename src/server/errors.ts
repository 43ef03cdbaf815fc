import "server-only";
import { randomUUID } from "node:crypto";

/** Errors a user is meant to see; anything else is logged and shown generically. */
export type AppErrorCode = "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT" | "RATE_LIMITED" | "UNAVAILABLE";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** Bad input found after parsing (a duplicate, a choice not in the list, a rule that needs the database's records), by field. */
export const fieldErrors = (errors: Record<string, string[]>) => new AppError("INVALID_INPUT", "Please correct the highlighted fields.", errors);

/** Bad input in one field, found after parsing. */
export const fieldError = (field: string, message: string) => fieldErrors({ [field]: [message] });

/** Logs an unexpected error under a fresh reference id and returns the id. */
export function logUnexpected(error: unknown, where: string): string {
  const ref = randomUUID().slice(0, 8);
  // Only the error itself: never request bodies, which may hold student data.
  console.error(`[error ref=${ref}] ${where}:`, error);
  return ref;
}

/**
 * A record the user may not see, or that does not exist in their district.
 * The user gets the same answer as for a missing record; runAction writes the
 * `denied` audit event once the transaction is over (a rollback would lose it).
 */
export class DeniedError extends AppError {
  constructor(
    readonly attempted: string,
    readonly target: { entityType: string; entityId?: string | null; studentId?: string | null },
    /** A clearer sentence where the user can act on it (still not saying whether the record exists). */
    message = "We could not find that record.",
  ) {
    super("NOT_FOUND", message);
    this.name = "DeniedError";
  }
}
