// The views of the student record (docs/decisions/044-record-views.md): the
// record page shows the case at a glance and ONE section, chosen by the
// `section` query parameter (a section name, nothing about the student). The
// ids here are the server's half of RECORD_SECTIONS
// (src/components/students/record/sections.tsx): getStudentProfile reads the
// data of the asked section only.
import { z } from "zod";

export const RECORD_SECTION_IDS = [
  "history",
  "plans",
  "dosage",
  "behavior",
  "accommodations",
  "iep504",
  "iep504-services",
  "referrals",
  "tiers",
  "caseload",
  "facts",
  "guardians",
  "family-contacts",
  "access-history",
  "archive",
] as const;
export type RecordSectionId = (typeof RECORD_SECTION_IDS)[number];

/** The section the record opens with: the latest history, under the case at a glance. */
export const DEFAULT_RECORD_SECTION: RecordSectionId = "history";

const sectionParam = z.enum(RECORD_SECTION_IDS);

/**
 * The section the query string asks for: the default when there is none;
 * `refused` when the value names no section (the page says so and shows the
 * default instead).
 */
export function recordSectionOf(param: string | string[] | undefined): { section: RecordSectionId; refused: boolean } {
  if (param === undefined) return { section: DEFAULT_RECORD_SECTION, refused: false };
  const parsed = sectionParam.safeParse(Array.isArray(param) ? param[0] : param);
  return parsed.success ? { section: parsed.data, refused: false } : { section: DEFAULT_RECORD_SECTION, refused: true };
}

/** The address of a section of a student's record (the anchor scrolls past the case at a glance to it). */
export function recordHref(studentId: string, section: RecordSectionId = DEFAULT_RECORD_SECTION): string {
  return section === DEFAULT_RECORD_SECTION ? `/students/${studentId}` : `/students/${studentId}?section=${section}#${section}`;
}

/** The sections whose data comes with the IEP/504 read (studentSpecialEdIn). */
export const SPECIAL_ED_SECTIONS: readonly RecordSectionId[] = ["iep504", "iep504-services", "referrals"];
