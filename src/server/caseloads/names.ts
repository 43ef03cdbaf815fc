import "server-only";

// Student names as the students feature shows them (src/components/students/format.ts):
// the name the student goes by ("Preferred Last", else "First Last") in
// sentences and headings, so a heading and the goal sentence under it name
// the same child (issue 13); the legal name beside it where both matter
// (the profile, the goal graph, the service log); "Last, First" in lists
// sorted by family name, with the preferred name beside it when it differs.

interface Named {
  preferredName: string | null;
  legalFirstName: string;
  legalLastName: string;
}

export const STUDENT_NAME_SELECT = { preferredName: true, legalFirstName: true, legalLastName: true } as const;

/** The first name the student goes by: the preferred name, else the legal first name (goal sentences). */
export const studentFirstName = (s: Omit<Named, "legalLastName">) => s.preferredName?.trim() || s.legalFirstName;

/** "Preferred Last" (or "First Last"), as in headings, goal sentences and messages. */
export const studentDisplayName = (s: Named) => `${studentFirstName(s)} ${s.legalLastName}`;

/** "First Last": the legal name. */
export const studentLegalName = (s: Named) => `${s.legalFirstName} ${s.legalLastName}`;

/** The legal name when it differs from the name shown (studentDisplayName), for pages where both matter. */
export const studentLegalNameIfOther = (s: Named) => (studentDisplayName(s) !== studentLegalName(s) ? studentLegalName(s) : null);

/** "Last, First", as in a list sorted by family name. */
export const studentListName = (s: Named) => `${s.legalLastName}, ${s.legalFirstName}`;

/** The preferred name when it differs from the legal first name. */
export const studentGoesBy = (s: Named) => (s.preferredName && s.preferredName !== s.legalFirstName ? s.preferredName : null);

/** Several names as "A, B and 3 more", for messages. */
export function listNames(names: string[], max = 3): string {
  if (names.length <= max) return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

/** The three ways a list row names a student. */
export const studentNames = (s: Named) => ({ name: studentListName(s), fullName: studentDisplayName(s), goesBy: studentGoesBy(s) });

// Sorted in code, not SQL: the database's collation may be "C" (PGlite's is).
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Family-name order, as student lists sort. */
export const byStudentName = (a: Named, b: Named) =>
  collator.compare(a.legalLastName, b.legalLastName) || collator.compare(a.legalFirstName, b.legalFirstName);
