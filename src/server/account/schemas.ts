import { z } from "zod";
import { PASSWORD_MAX } from "@/domain/identity";

// Length and list rules are checked by newPasswordProblem (decision 025); the
// schema only bounds what may be sent (well above PASSWORD_MAX, so that an
// over-long password gets the policy's message, not a generic one).
const newPassword = z.string({ error: "Enter a new password." }).min(1, "Enter a new password.").max(PASSWORD_MAX * 4, `Use at most ${PASSWORD_MAX} characters.`);

export const ZChangePasswordInput = z
  .object({
    /** Absent on the forced change after a temporary password: that sign-in just proved it. */
    currentPassword: z.string().max(1024).optional(),
    newPassword,
    confirmPassword: z.string().max(PASSWORD_MAX * 4),
  })
  .strict();

export const ZEndSessionInput = z.object({ unverifiedSessionId: z.string().max(100) }).strict();

export const ZResetPasswordInput = z.object({ unverifiedMembershipId: z.string().max(100) }).strict();
