// The IEP/504 dates (src/domain/iep504): the annual review within one year of
// the last meeting, the re-evaluation period, days until a due date; and the
// checked-in disability categories against the Ed-Fi code set they come from.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addYears, daysUntil, dueWords, latestAnnualReview, latestReevaluation } from "@/domain/iep504/dates";
import { DISABILITY_CATEGORIES, disabilityCategoryOf, ED_FI_DISABILITY_NAMESPACE } from "@/domain/iep504/disability-categories";

describe("addYears / latestAnnualReview / latestReevaluation", () => {
  it.each([
    ["2026-03-02", 1, "2027-03-02"],
    ["2024-02-29", 1, "2025-02-28"],
    ["2024-02-29", 4, "2028-02-29"],
    ["2026-12-31", 3, "2029-12-31"],
  ])("%s plus %i years is %s", (from, years, to) => {
    expect(addYears(from, years)).toBe(to);
  });

  it("puts the latest annual review on the meeting's day a year later, and the re-evaluation the period later", () => {
    expect(latestAnnualReview("2026-09-15")).toBe("2027-09-15");
    expect(latestReevaluation("2026-01-15", 3)).toBe("2029-01-15");
    expect(latestReevaluation("2026-01-15", 2)).toBe("2028-01-15");
  });
});

describe("daysUntil / dueWords", () => {
  it.each([
    ["2026-12-25", "2026-12-05", 20, "due in 20 days"],
    ["2026-12-06", "2026-12-05", 1, "due in 1 day"],
    ["2026-12-05", "2026-12-05", 0, "due today"],
    ["2026-12-04", "2026-12-05", -1, "1 day overdue"],
    ["2026-11-05", "2026-12-05", -30, "30 days overdue"],
    // Across the end of daylight saving time in the US (dates carry no clock time).
    ["2026-11-02", "2026-10-31", 2, "due in 2 days"],
  ])("%s seen on %s: %i days, %s", (due, today, n, words) => {
    expect(daysUntil(due, today)).toBe(n);
    expect(dueWords(due, today)).toBe(words);
  });
});

describe("the disability categories", () => {
  it("are the 13 IDEA categories, each with its federal code, and unknown codes are not categories", () => {
    expect(DISABILITY_CATEGORIES.map((c) => c.idea).sort()).toEqual(["AUT", "DB", "DD", "EMN", "HI", "ID", "MD", "OHI", "OI", "SLD", "SLI", "TBI", "VI"]);
    expect(disabilityCategoryOf("Specific Learning Disability")).toEqual({ code: "Specific Learning Disability", idea: "SLD", label: "Specific learning disability" });
    // Federal codes and look-alikes are not Ed-Fi code values.
    for (const bad of ["SLD", "Moldova", "specific learning disability", ""]) expect(disabilityCategoryOf(bad)).toBeUndefined();
  });

  // The checked-in list is derived from the Ed-Fi file; when that file is at hand (the
  // development machine), every code must be one of its DisabilityDescriptor code values.
  const edfi = "../shared/testdata/edfi_disability_iep_504_intervention/descriptors/DisabilityDescriptor.xml";
  const altEdfi = "/work/shared/testdata/edfi_disability_iep_504_intervention/descriptors/DisabilityDescriptor.xml";
  const file = [edfi, altEdfi].find((f) => existsSync(f));
  it.runIf(file)("use only code values of the Ed-Fi DisabilityDescriptor set, in its namespace", () => {
    const xml = readFileSync(file!, "utf8");
    const codes = [...xml.matchAll(/<CodeValue>([^<]+)<\/CodeValue>/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
    expect(xml).toContain(`<Namespace>${ED_FI_DISABILITY_NAMESPACE}</Namespace>`);
    for (const c of DISABILITY_CATEGORIES) expect(codes, c.code).toContain(c.code);
  });
});
