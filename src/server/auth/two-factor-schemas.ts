import { z } from "zod";

// What the two-factor forms may send (decision 033). The code itself is read
// by parseSecondFactorCode, which gives the messages for letters and lengths;
// the schema only bounds the size.
const code = z.string({ error: "Enter a code." }).max(64, "A code is at most 10 characters.");

export const ZSecondFactorInput = z.object({ code }).strict();
export const ZConfirmEnrolmentInput = z.object({ code }).strict();
export const ZChangeTwoFactorInput = z.object({ code, change: z.enum(["disable", "new-codes"]) }).strict();
export const ZResetTwoFactorInput = z.object({ unverifiedMembershipId: z.string().max(100) }).strict();
