import { z } from "zod";

export const CASE_ROLES = ["CASE_MANAGER", "INTERVENTIONIST"] as const;
export type CaseRole = (typeof CASE_ROLES)[number];
export const CASE_ROLE_LABEL: Readonly<Record<CaseRole, string>> = {
  CASE_MANAGER: "Case manager",
  INTERVENTIONIST: "Interventionist",
};

/** The most students one bulk assignment takes (one page of a list, with room). */
export const MAX_STUDENTS_PER_ASSIGNMENT = 200;

// Ids from the browser: each is checked against the user's scope inside the
// action's transaction before anything is written.
export const ZAssignStudentsInput = z
  .object({
    unverifiedStudentIds: z
      .array(z.uuid("Choose students from the list."))
      .min(1, "Choose at least one student.")
      .max(MAX_STUDENTS_PER_ASSIGNMENT, `Assign at most ${MAX_STUDENTS_PER_ASSIGNMENT} students at a time.`)
      .transform((ids) => [...new Set(ids)]),
    unverifiedMembershipId: z.uuid("Choose a staff member."),
    role: z.enum(CASE_ROLES, { error: "Choose the role on the case." }),
  })
  .strict();
export type TAssignStudentsInput = z.infer<typeof ZAssignStudentsInput>;

export const ZEndAssignmentInput = z.object({ unverifiedAssignmentId: z.string().max(200) }).strict();
export type TEndAssignmentInput = z.infer<typeof ZEndAssignmentInput>;

/** Form fields that are always arrays for formToObject. */
export const ASSIGN_ARRAY_FIELDS = ["unverifiedStudentIds"] as const;
