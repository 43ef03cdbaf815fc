import "server-only";
import { z } from "zod";

/** Asking for the deletion: the administrator ticks that they understand it cannot be undone once carried out. */
export const ZRequestDeletion = z
  .object({
    understood: z.literal("on", { error: "Tick the box to say you understand that the district's data will be deleted for good." }),
  })
  .strict();

/** Confirming or cancelling: nothing but the form itself (the district is the signed-in one). */
export const ZNoFields = z.object({}).strict();
