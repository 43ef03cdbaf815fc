import { z } from "zod";
import { ROLES } from "@/domain/permissions";

export const PASSWORD_MIN_LENGTH = 12;

const role = z.enum(ROLES, { error: "Choose a role." });

// Checkbox values from the browser: checked against the district's active
// schools inside the action's transaction. None checked means every school.
const unverifiedSchoolIds = z
  .array(z.uuid("Choose schools from the list."))
  .max(500)
  .transform((ids) => [...new Set(ids)]);

export const ZCreateStaffInput = z
  .object({
    name: z.string().trim().min(1, "Enter the person's name.").max(120, "Use at most 120 characters."),
    email: z.string().trim().toLowerCase().max(254, "Use at most 254 characters.").pipe(z.email("Enter an email address like name@school.org.")),
    role,
    unverifiedSchoolIds,
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(1024, "Use at most 1024 characters."),
  })
  .strict();
export type TCreateStaffInput = z.infer<typeof ZCreateStaffInput>;

export const ZUpdateStaffInput = z
  .object({
    unverifiedMembershipId: z.string(),
    role,
    unverifiedSchoolIds,
    deactivated: z.enum(["on"]).optional(),
  })
  .strict();
export type TUpdateStaffInput = z.infer<typeof ZUpdateStaffInput>;

/** Form fields that are checkbox groups (always arrays for formToObject). */
export const STAFF_ARRAY_FIELDS = ["unverifiedSchoolIds"] as const;

export const ZWithdrawInvitationInput = z.object({ unverifiedInvitationId: z.string() }).strict();
export type TWithdrawInvitationInput = z.infer<typeof ZWithdrawInvitationInput>;
