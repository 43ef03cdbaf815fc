import { z } from "zod";

/** An empty form field (a GET form sends every field) means no filter. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/i;

/** A position in the log: the (createdAt, id) of the last event shown, as `<ISO time>_<event id>`. */
const cursor = z
  .string()
  .regex(CURSOR)
  .transform((v) => {
    const [, at, id] = CURSOR.exec(v)!;
    return { createdAt: new Date(at!), id: id! };
  })
  .refine((c) => !Number.isNaN(c.createdAt.getTime()) && z.uuid().safeParse(c.id).success);

export type AuditCursor = { createdAt: Date; id: string };

export function cursorOf(event: AuditCursor): string {
  return `${event.createdAt.toISOString()}_${event.id}`;
}

/**
 * The audit log's URL query. Not strict: a URL may carry harmless extras, and
 * unknown keys are simply dropped. A malformed page cursor (never typed by a
 * person) falls back to the newest page instead of an error.
 */
export const ZAuditLogQuery = z.object({
  user: optional(z.uuid("Choose a person from the list.")),
  student: optional(z.uuid("Enter a student id in the form 123e4567-e89b-12d3-a456-426614174000.")),
  from: optional(z.iso.date("Enter the start date as YYYY-MM-DD.")),
  to: optional(z.iso.date("Enter the end date as YYYY-MM-DD.")),
  before: optional(cursor).catch(undefined),
  after: optional(cursor).catch(undefined),
});
export type TAuditLogQuery = z.infer<typeof ZAuditLogQuery>;

/** The filter fields, as typed, to show them back in the form. */
export const AUDIT_FILTER_FIELDS = ["user", "student", "from", "to"] as const;
