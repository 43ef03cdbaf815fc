// The compliance calendar's date rules (src/domain/iep504/compliance.ts), on hand-checked dates.
import { describe, expect, it } from "vitest";
import { DEFAULT_HORIZON, dueState, HORIZONS, horizonEnd, withinHorizon } from "@/domain/iep504/compliance";

describe("horizons", () => {
  it("offers the next 30, 60 and 90 days, 90 by default (as the case manager's home)", () => {
    expect(HORIZONS).toEqual([30, 60, 90]);
    expect(DEFAULT_HORIZON).toBe(90);
  });

  it("ends a horizon N calendar days after today, across months and years", () => {
    expect(horizonEnd("2026-12-05", 30)).toBe("2027-01-04");
    expect(horizonEnd("2026-12-05", 60)).toBe("2027-02-03");
    expect(horizonEnd("2026-12-05", 90)).toBe("2027-03-05");
    // 2028 is a leap year: 29 February counts.
    expect(horizonEnd("2028-02-01", 30)).toBe("2028-03-02");
  });

  it("lists a date on the horizon's last day and every overdue date, never the day after", () => {
    expect(withinHorizon("2027-01-04", "2026-12-05", 30)).toBe(true);
    expect(withinHorizon("2027-01-05", "2026-12-05", 30)).toBe(false);
    expect(withinHorizon("2020-01-01", "2026-12-05", 30)).toBe(true);
    expect(withinHorizon("2026-12-05", "2026-12-05", 30)).toBe(true);
  });
});

describe("dueState", () => {
  it.each([
    ["2026-12-04", "overdue"],
    ["2026-11-01", "overdue"],
    ["2026-12-05", "today"],
    ["2026-12-06", "soon"],
    ["2026-12-19", "soon"],
    ["2026-12-20", "later"],
  ])("reads %s as %s on 5 December 2026", (due, state) => {
    expect(dueState(due, "2026-12-05")).toBe(state);
  });
});
