// The student history feed (issue 14): probes and sessions summarised per
// week (Monday to Sunday) and per goal or plan, newest first, filters by kind
// and date, pages (a page past the end is empty, not an error), and the
// filter's refusals.
import { describe, expect, it } from "vitest";
import {
  filterHistory,
  historyFilterProblem,
  pageOfHistory,
  sortHistory,
  weeklyProbeEntries,
  weeklySessionEntries,
  type HistoryEntry,
  type ProbeFact,
  type SessionFact,
} from "@/domain/history";

const probe = (id: string, date: string, score: number, over: Partial<ProbeFact> = {}): ProbeFact => ({
  id,
  date,
  goalId: "g1",
  measureName: "ORF",
  scoreText: String(score),
  givenBy: "Jordan Lee",
  valid: true,
  ...over,
});

const session = (id: string, date: string, over: Partial<SessionFact> = {}): SessionFact => ({
  id,
  date,
  planId: "p1",
  planTitle: "Read Naturally",
  status: "HELD",
  attendance: "PRESENT",
  minutes: 30,
  loggedBy: "Jordan Lee",
  ...over,
});

describe("weeklyProbeEntries", () => {
  it("makes one entry per Monday-to-Sunday week and goal, with the week's valid scores in date order and everyone who gave one", () => {
    // 2026-11-02 is a Monday; 2026-11-08 the Sunday of that week; 2026-11-09 the next Monday.
    const entries = weeklyProbeEntries([
      probe("c", "2026-11-06", 46, { givenBy: "Sam Patel" }),
      probe("a", "2026-11-02", 44),
      probe("b", "2026-11-08", 47),
      probe("d", "2026-11-09", 48),
      probe("e", "2026-11-03", 30, { goalId: "g2", measureName: "Maze" }),
    ]);
    expect(entries).toHaveLength(3);
    const week = entries.find((e) => e.key === "probe-week:2026-11-02|g1")!;
    expect(week).toMatchObject({
      kind: "probe",
      weekOf: "2026-11-02",
      day: "2026-11-08",
      title: "ORF: 3 probes (44, 46, 47)",
      who: ["Jordan Lee", "Sam Patel"],
      href: "/goals/g1",
    });
    expect(week.detail).toBeUndefined();
    expect(entries.find((e) => e.key === "probe-week:2026-11-09|g1")).toMatchObject({ title: "ORF: 1 probe (48)", day: "2026-11-09" });
    expect(entries.find((e) => e.key === "probe-week:2026-11-02|g2")).toMatchObject({ title: "Maze: 1 probe (30)" });
  });

  it("leaves invalid probes out of the count and says so", () => {
    const [entry] = weeklyProbeEntries([probe("a", "2026-11-03", 58, { valid: false }), probe("b", "2026-11-03", 45)]);
    expect(entry).toMatchObject({ title: "ORF: 1 probe (45)", detail: "1 more marked invalid and not counted." });
    const [onlyInvalid] = weeklyProbeEntries([probe("a", "2026-11-03", 58, { valid: false })]);
    expect(onlyInvalid).toMatchObject({ title: "ORF: 0 probes", detail: "1 more marked invalid and not counted." });
  });
});

describe("weeklySessionEntries", () => {
  it("sums a week of one plan: sessions held, attended, minutes received, and what did not happen", () => {
    const entries = weeklySessionEntries([
      session("1", "2026-11-02"),
      session("2", "2026-11-04", { attendance: "PARTIAL", minutes: 20 }),
      session("3", "2026-11-06", { status: "STUDENT_ABSENT", attendance: "ABSENT", minutes: 0 }),
      session("4", "2026-11-05", { status: "CANCELLED", attendance: null, minutes: 0, loggedBy: "Sam Patel" }),
      session("5", "2026-11-03", { status: "SCHOOL_CLOSED", attendance: null, minutes: 0 }),
      session("6", "2026-11-10"),
      session("7", "2026-11-04", { planId: "p2", planTitle: "Pirate Math", status: "INTERVENTIONIST_ABSENT", attendance: null, minutes: 0 }),
    ]);
    expect(entries).toHaveLength(3);
    expect(entries.find((e) => e.key === "session-week:2026-11-02|p1")).toMatchObject({
      kind: "session",
      weekOf: "2026-11-02",
      day: "2026-11-06",
      title: "Read Naturally: 3 sessions, attended 2 (50 minutes)",
      detail: "Absent from 1. Not held: 1 cancelled, 1 on a day the school was closed.",
      who: ["Jordan Lee", "Sam Patel"],
      href: "/plans/p1/sessions",
    });
    expect(entries.find((e) => e.key === "session-week:2026-11-09|p1")).toMatchObject({ title: "Read Naturally: 1 session, attended 1 (30 minutes)", detail: undefined });
    expect(entries.find((e) => e.key === "session-week:2026-11-02|p2")).toMatchObject({
      title: "Pirate Math: 0 sessions, attended 0 (0 minutes)",
      detail: "Not held: 1 with the interventionist absent.",
    });
  });
});

const entry = (key: string, at: string, kind: HistoryEntry["kind"] = "plan", day = at.slice(0, 10)): HistoryEntry => ({ key, kind, at, day, title: key, who: [], href: null });

describe("sortHistory, filterHistory and pageOfHistory", () => {
  const entries = [
    entry("tier", "2026-09-15", "tier"),
    entry("approved", "2026-09-18T18:00:00.000Z"),
    { ...entry("week", "2026-11-02", "probe", "2026-11-06"), weekOf: "2026-11-02" },
    entry("changed", "2026-11-04T13:00:00.000Z"),
    entry("goal", "2026-09-18T14:10:00.000Z", "goal"),
  ];

  it("puts the newest first; a week's summary sorts at its latest day, after what happened earlier in that week", () => {
    expect(sortHistory(entries).map((e) => e.key)).toEqual(["week", "changed", "approved", "goal", "tier"]);
  });

  it("keeps the kinds and the days asked for (inclusive), all kinds when none is asked", () => {
    expect(filterHistory(entries, { kinds: ["plan"] }).map((e) => e.key)).toEqual(["approved", "changed"]);
    expect(filterHistory(entries, { kinds: [], from: "2026-09-18", to: "2026-11-04" }).map((e) => e.key)).toEqual(["approved", "changed", "goal"]);
    expect(filterHistory(entries, { kinds: ["probe"], from: "2026-11-06" }).map((e) => e.key)).toEqual(["week"]);
  });

  it("pages the sorted feed; a page past the end is empty and says so", () => {
    const sorted = sortHistory(entries);
    expect(pageOfHistory(sorted, 1, 2)).toMatchObject({ page: 1, pageCount: 3, total: 5, pastEnd: false, entries: [{ key: "week" }, { key: "changed" }] });
    expect(pageOfHistory(sorted, 3, 2)).toMatchObject({ pastEnd: false, entries: [{ key: "tier" }] });
    expect(pageOfHistory(sorted, 4, 2)).toMatchObject({ pastEnd: true, entries: [], pageCount: 3 });
    expect(pageOfHistory([], 1, 2)).toMatchObject({ pastEnd: false, entries: [], pageCount: 1, total: 0 });
  });
});

describe("historyFilterProblem", () => {
  it("refuses a date that is not one and a range that runs backwards, with a message saying which", () => {
    expect(historyFilterProblem("2026-02-30", undefined)).toBe(`"From" must be a real date (yyyy-mm-dd).`);
    expect(historyFilterProblem(undefined, "yesterday")).toBe(`"To" must be a real date (yyyy-mm-dd).`);
    expect(historyFilterProblem("2026-11-02", "2026-10-01")).toMatch(/^"From" \(2026-11-02\) is after "To" \(2026-10-01\)/);
    expect(historyFilterProblem("2026-10-01", "2026-10-01")).toBeUndefined();
    expect(historyFilterProblem(undefined, undefined)).toBeUndefined();
  });
});
