import { z } from "zod";

/** Accept or decline: the invitation the person was shown; checked against their own invitations. */
export const ZAnswerInvitationInput = z
  .object({
    unverifiedInvitationId: z.string().max(64, "Choose an invitation from the list."),
  })
  .strict();
export type TAnswerInvitationInput = z.infer<typeof ZAnswerInvitationInput>;
