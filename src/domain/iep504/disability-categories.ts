/**
 * The IDEA disability categories a student's IEP may name, as the Ed-Fi Data
 * Standard's DisabilityDescriptor code set (v5.2.0, Descriptors/DisabilityDescriptor.xml,
 * Apache-2.0). The stored value is the Ed-Fi CodeValue, so a record exports to
 * Ed-Fi unchanged; `idea` is the federal (EDFacts) category code the same
 * category is reported under. Checked in so the app needs nothing outside the
 * repository; tests/unit/iep504-categories.test.ts compares it with the Ed-Fi
 * file when that is present.
 *
 * Ed-Fi descriptors that are not IDEA school-age categories are left out:
 * "Infant/Toddler with a Disability" (IDEA Part C, before school), and the
 * generic "Medical condition", "Mental impairment", "Motor impairment",
 * "Physical Disability", "Sensory impairment" and "Other" (Section 504 and
 * state use). Ed-Fi joins deafness with hearing impairment in one descriptor
 * and calls developmental delay (ages 3-9) "Preschooler with a Disability".
 * Federal codes are never resolved through a general code lookup: "DD", "HI",
 * "MD" and "VI" are also country and state codes.
 */
export const ED_FI_DISABILITY_NAMESPACE = "uri://ed-fi.org/DisabilityDescriptor";

export interface DisabilityCategory {
  /** The Ed-Fi DisabilityDescriptor CodeValue (what the database stores). */
  code: string;
  /** The federal IDEA category code (EDFacts). */
  idea: string;
  /** The words shown to staff. */
  label: string;
}

export const DISABILITY_CATEGORIES: readonly DisabilityCategory[] = [
  { code: "Autism Spectrum Disorders", idea: "AUT", label: "Autism" },
  { code: "Deaf-Blindness", idea: "DB", label: "Deaf-blindness" },
  { code: "Preschooler with a Disability", idea: "DD", label: "Developmental delay (ages 3 to 9)" },
  { code: "Serious Emotional Disability", idea: "EMN", label: "Emotional disturbance" },
  { code: "Hearing Impairment, including Deafness", idea: "HI", label: "Hearing impairment, including deafness" },
  { code: "Intellectual Disability", idea: "ID", label: "Intellectual disability" },
  { code: "Multiple Disabilities", idea: "MD", label: "Multiple disabilities" },
  { code: "Orthopedic Impairment", idea: "OI", label: "Orthopedic impairment" },
  { code: "Other Health Impairment", idea: "OHI", label: "Other health impairment" },
  { code: "Specific Learning Disability", idea: "SLD", label: "Specific learning disability" },
  { code: "Speech or Language Impairment", idea: "SLI", label: "Speech or language impairment" },
  { code: "Traumatic Brain Injury", idea: "TBI", label: "Traumatic brain injury" },
  { code: "Visual Impairment, including Blindness", idea: "VI", label: "Visual impairment, including blindness" },
];

const BY_CODE = new Map(DISABILITY_CATEGORIES.map((c) => [c.code, c]));

/** The category of an Ed-Fi code value, or undefined for a code that is not one. */
export function disabilityCategoryOf(code: string): DisabilityCategory | undefined {
  return BY_CODE.get(code);
}
