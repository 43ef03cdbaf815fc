import { z } from "zod";
import { STAFF_ROLES, STAFF_TARGETS } from "@/domain/oneroster/spec";
import { uploadFileName } from "@/server/upload-file";

/** The file inputs' names (the files themselves are read from the form by the action). */
export const ZStartImportInput = z
  .object({
    files: z.array(uploadFileName).min(1, "Choose the OneRoster zip, or its CSV files (with manifest.csv).").max(64, "Upload at most 64 files."),
  })
  .strict();

/** One select per OneRoster staff role; each option's value is "role:TARGET", so the form works without JavaScript. */
const mappingEntry = z
  .string()
  .regex(/^[A-Za-z]+:[A-Z]+$/, "Choose what each role becomes.")
  .transform((v) => v.split(":") as [string, string])
  .refine(([role, target]) => (STAFF_ROLES as readonly string[]).includes(role) && (STAFF_TARGETS as readonly string[]).includes(target), "Choose what each role becomes.");

export const ZReviewImportInput = z
  .object({
    unverifiedImportId: z.string().max(64),
    mapping: z.array(mappingEntry).max(STAFF_ROLES.length),
  })
  .strict();

export const ZApplyImportInput = z
  .object({
    unverifiedImportId: z.string().max(64),
    confirmArchive: z.enum(["on"]).optional(),
    /** For accounts the import creates for new emails (decision 009); checked when the plan invites anyone. */
    password: z.string().max(1024, "Use at most 1024 characters.").optional(),
  })
  .strict();



/** A spreadsheet upload (decision 019): the files themselves are read from the form by the action. */
export const ZStartSheetImportInput = z
  .object({
    files: z.array(uploadFileName).min(1, "Choose a CSV or .xlsx file.").max(5, "Upload at most 5 files."),
  })
  .strict();

/**
 * The confirmed column mapping: one "kind" per table in order, and one
 * "column" per column as "table:column:field" (field empty: ignored), so the
 * form is plain selects and works without JavaScript.
 */
export const ZConfirmSheetMappingInput = z
  .object({
    unverifiedImportId: z.string().max(64),
    kind: z.array(z.enum(["students", "staff", "guardians"], "Choose what each table holds.")).min(1).max(50),
    column: z
      .array(z.string().regex(/^\d{1,3}:\d{1,3}:[A-Za-z]{0,30}$/, "Choose what each column holds."))
      .max(5000)
      .transform((cols) =>
        cols.map((c) => {
          const [t, i, field] = c.split(":") as [string, string, string];
          return { table: Number(t), index: Number(i), field: field || null };
        }),
      ),
  })
  .strict();

export const ZApplySheetImportInput = z.object({ unverifiedImportId: z.string().max(64) }).strict();
