import { z } from "zod";

/** Accept or decline (the button pressed) the invitation the person was shown; checked against their own invitations. */
export const ZAnswerInvitationInput = z
  .object({
    unverifiedInvitationId: z.string().max(64, "Choose an invitation from the list."),
    answer: z.enum(["accept", "decline"], { error: "Choose Accept or Decline." }),
  })
  .strict();
export type TAnswerInvitationInput = z.infer<typeof ZAnswerInvitationInput>;
