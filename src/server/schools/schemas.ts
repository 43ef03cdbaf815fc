import { z } from "zod";

export const SCHOOL_LEVELS = ["ELEMENTARY", "MIDDLE", "HIGH", "OTHER"] as const;
export const SCHOOL_LEVEL_LABEL: Record<(typeof SCHOOL_LEVELS)[number], string> = {
  ELEMENTARY: "Elementary",
  MIDDLE: "Middle",
  HIGH: "High",
  OTHER: "Other",
};

const fields = {
  name: z.string().trim().min(1, "Enter the school's name.").max(120, "Use at most 120 characters."),
  level: z.enum(SCHOOL_LEVELS, { error: "Choose the school level." }),
  code: z
    .string()
    .trim()
    .max(20, "Use at most 20 characters.")
    .transform((v) => v || null),
};

export const ZCreateSchoolInput = z.object(fields).strict();
export type TCreateSchoolInput = z.infer<typeof ZCreateSchoolInput>;

export const ZUpdateSchoolInput = z
  .object({ ...fields, unverifiedSchoolId: z.string(), archived: z.enum(["on"]).optional() })
  .strict();
export type TUpdateSchoolInput = z.infer<typeof ZUpdateSchoolInput>;
