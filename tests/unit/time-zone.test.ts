// The district's time zone (issue 13): which zones are accepted, and moments shown in it.
import { describe, expect, it } from "vitest";
import { formatMomentDayIn, formatMomentIn, isoDayIn, isTimeZone, startOfDayIn, zoneOrDefault } from "@/domain/time-zone";

describe("isTimeZone", () => {
  it("accepts IANA zones of places", () => {
    for (const z of ["America/Chicago", "America/Los_Angeles", "America/Indiana/Indianapolis", "Pacific/Honolulu", "Europe/Madrid", "America/Port-au-Prince"]) expect(isTimeZone(z)).toBe(true);
  });
  it("refuses UTC, abbreviations, offsets, unknown places and junk", () => {
    for (const z of ["UTC", "Etc/UTC", "CST", "EST5EDT", "Etc/GMT+6", "America/Nowhere", "", "America/Chicago; DROP", "../../etc/passwd"]) expect(isTimeZone(z)).toBe(false);
  });
  it("falls back to Chicago for a bad stored value", () => {
    expect(zoneOrDefault("Mars/Olympus")).toBe("America/Chicago");
    expect(zoneOrDefault(null)).toBe("America/Chicago");
  });
});

describe("moments in the zone", () => {
  // 1 December 2026 03:30 UTC is the evening of 30 November in Chicago (CST, UTC-6).
  const late = new Date("2026-12-01T03:30:09Z");
  it("shows the local time with the zone's short name, never UTC", () => {
    expect(formatMomentIn(late, "America/Chicago")).toBe("Nov 30, 2026, 9:30:09 PM CST");
    expect(formatMomentIn(late, "America/Los_Angeles")).toBe("Nov 30, 2026, 7:30:09 PM PST");
    expect(formatMomentIn(new Date("2026-07-01T15:00:00Z"), "America/Chicago")).toBe("Jul 1, 2026, 10:00:00 AM CDT");
  });
  it("gives the day a moment fell on there", () => {
    expect(formatMomentDayIn(late, "America/Chicago")).toBe("Nov 30, 2026");
    expect(isoDayIn(late, "America/Chicago")).toBe("2026-11-30");
    expect(isoDayIn(late, "Europe/Madrid")).toBe("2026-12-01");
  });
  it("finds when a local day begins, across daylight-saving changes", () => {
    expect(startOfDayIn("2026-12-01", "America/Chicago").toISOString()).toBe("2026-12-01T06:00:00.000Z");
    expect(startOfDayIn("2026-07-01", "America/Chicago").toISOString()).toBe("2026-07-01T05:00:00.000Z");
    // 8 March 2026: clocks go forward at 2 AM; the day still began at midnight CST.
    expect(startOfDayIn("2026-03-08", "America/Chicago").toISOString()).toBe("2026-03-08T06:00:00.000Z");
    expect(startOfDayIn("2026-03-09", "America/Chicago").toISOString()).toBe("2026-03-09T05:00:00.000Z");
  });
});
