import { describe, expect, it } from "vitest";
import { confirmRefusal, deletionRunsAt, deletionStage, DELETION_GRACE_DAYS, EXPORT_FRESH_DAYS, exportIsFresh } from "@/domain/district-deletion";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-12-05T12:00:00Z");
const row = (over: Partial<Parameters<typeof deletionStage>[0] & object> = {}) => ({
  requestedByUserId: "a",
  requestedAt: new Date(now.getTime() - DAY),
  confirmedByUserId: null,
  confirmedAt: null,
  runAfter: null,
  ...over,
});

describe("district deletion rules", () => {
  it("runs the grace period after the confirmation", () => {
    expect(deletionRunsAt(now).getTime() - now.getTime()).toBe(DELETION_GRACE_DAYS * DAY);
  });

  it("names the stage", () => {
    expect(deletionStage(null, now)).toBe("none");
    expect(deletionStage(row(), now)).toBe("awaiting-confirmation");
    expect(deletionStage(row({ confirmedByUserId: "b", confirmedAt: now, runAfter: new Date(now.getTime() + 1) }), now)).toBe("scheduled");
    expect(deletionStage(row({ confirmedByUserId: "b", confirmedAt: now, runAfter: now }), now)).toBe("due");
  });

  it("accepts an export up to EXPORT_FRESH_DAYS old, not older, not missing, not from the future", () => {
    expect(exportIsFresh(null, now)).toBe(false);
    expect(exportIsFresh(new Date(now.getTime() - EXPORT_FRESH_DAYS * DAY), now)).toBe(true);
    expect(exportIsFresh(new Date(now.getTime() - EXPORT_FRESH_DAYS * DAY - 1), now)).toBe(false);
    expect(exportIsFresh(new Date(now.getTime() + 1000), now)).toBe(false);
  });

  it("needs a second administrator to confirm", () => {
    expect(confirmRefusal(null, "b")).toMatch(/no deletion request/);
    expect(confirmRefusal(row(), "a")).toMatch(/second administrator/);
    expect(confirmRefusal(row({ confirmedAt: now, confirmedByUserId: "b" }), "c")).toMatch(/already confirmed/);
    expect(confirmRefusal(row(), "b")).toBeNull();
  });
});
