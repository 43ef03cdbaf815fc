// The students the process has lost track of (attention.ts): the flags' names
// and words, shared by the homes and the student list's filter.

export const ATTENTION_FLAGS = ["noPlan", "noMember"] as const;
export type AttentionFlag = (typeof ATTENTION_FLAGS)[number];
export const ATTENTION_LABEL: Readonly<Record<AttentionFlag, string>> = {
  noPlan: "Tier 2 or 3 with no active plan in that area",
  noMember: "On an active plan with no caseload member",
};
