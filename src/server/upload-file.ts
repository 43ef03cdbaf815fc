import { z } from "zod";

// Pure zod (no "server-only"): the benchmark grid, a client component, imports its schemas.
// Every upload field (screening scores, benchmarks, the school calendar, roster
// and spreadsheet imports) checks the file's NAME here, not only its size: the
// name is kept (import runs, screening uploads), shown back and written to the
// database, and PostgreSQL refuses a NUL in text. A control character (NUL,
// a line break, ESC, DEL) or a bidirectional override in a name is never a
// real spreadsheet's: it is refused with a message instead of being silently
// stripped or reaching the database (issue 21).

/** C0 controls, DEL, C1 controls, and the bidirectional embedding/override/isolate marks that can disguise an extension. */
const UNSAFE_NAME_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const MAX_FILE_NAME_LENGTH = 255;

export const FILE_NAME_CONTROL_MESSAGE = "The file's name contains a control character (such as NUL or a line break). Rename the file and upload it again.";

/** Why a file's name is refused, or null when it is fine. */
export function fileNameProblem(name: string): string | null {
  if (UNSAFE_NAME_CHARACTER.test(name)) return FILE_NAME_CONTROL_MESSAGE;
  if (name.length > MAX_FILE_NAME_LENGTH) return `The file's name is longer than ${MAX_FILE_NAME_LENGTH} characters. Rename the file and upload it again.`;
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(name)) return "The file's name is not valid text. Rename the file and upload it again.";
  return null;
}

/** A file name as an upload action's input lists it (imports validate the names before reading the files). */
export const uploadFileName = z.string().superRefine((name, ctx) => {
  const problem = fileNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** One uploaded file: chosen, not empty, at most maxBytes, with a name fileNameProblem accepts. */
export function uploadFile(maxBytes: number, tooLarge: string) {
  return z
    .file({ error: "Choose a CSV file to upload." })
    .min(1, "Choose a CSV file to upload (the one chosen is empty).")
    .max(maxBytes, tooLarge)
    .superRefine((file, ctx) => {
      const problem = fileNameProblem(file.name);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}
