// The student record's views (decision 044): the `section` query parameter
// names a section or is refused; links to a section carry it and its anchor.
import { describe, expect, it } from "vitest";
import { DEFAULT_RECORD_SECTION, recordHref, recordSectionOf } from "@/server/students/record-sections";

describe("recordSectionOf", () => {
  it("opens with the latest history when no section is asked for", () => {
    expect(recordSectionOf(undefined)).toEqual({ section: "history", refused: false });
    expect(DEFAULT_RECORD_SECTION).toBe("history");
  });

  it("takes a known section, the first of repeated ones", () => {
    expect(recordSectionOf("behavior")).toEqual({ section: "behavior", refused: false });
    expect(recordSectionOf(["tiers", "plans"])).toEqual({ section: "tiers", refused: false });
  });

  it("refuses what names no section (the page says so)", () => {
    for (const bad of ["diagnosis", "", "Behavior", "behavior#x", "../edit"]) expect(recordSectionOf(bad)).toEqual({ section: "history", refused: true });
  });
});

describe("recordHref", () => {
  const id = "5d000000-0000-4000-8000-000000000001";
  it("links the default view without a parameter, and any other with its parameter and anchor", () => {
    expect(recordHref(id)).toBe(`/students/${id}`);
    expect(recordHref(id, "history")).toBe(`/students/${id}`);
    expect(recordHref(id, "family-contacts")).toBe(`/students/${id}?section=family-contacts#family-contacts`);
  });
});
