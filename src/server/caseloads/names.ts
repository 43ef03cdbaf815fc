import "server-only";

/** How a student is named on screen: the name they go by, then the family name. */
export function studentDisplayName(s: { preferredName: string | null; legalFirstName: string; legalLastName: string }): string {
  return `${s.preferredName?.trim() || s.legalFirstName} ${s.legalLastName}`;
}

export const STUDENT_NAME_SELECT = { preferredName: true, legalFirstName: true, legalLastName: true } as const;

/** Several names as "A, B and 3 more", for messages. */
export function listNames(names: string[], max = 3): string {
  if (names.length <= max) return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}
