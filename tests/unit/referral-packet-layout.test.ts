// The graph placement of the referral packet and the family report
// (src/domain/progress/graph-layout.ts) and the packet's sentences
// (src/server/referrals/packet-text.ts): pure helpers shared by the printable
// pages and the PDFs.
import { describe, expect, it } from "vitest";
import { GRAPH_HEIGHT, GRAPH_WIDTH, PROBE_RADIUS, dotsPath, graphKey, packetGraphLayout, ringsPath, verticalsPath } from "@/domain/progress/graph-layout";
import { dosageRows } from "@/server/referrals/packet-text";
import type { ProgressGraph } from "@/domain/progress/graph";
import type { PeriodSummary } from "@/domain/dosage";

const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const xy = (date: string, value: number) => ({ day: d(date), date, value });

const graph: ProgressGraph = {
  xDomain: [d("2026-09-01"), d("2026-12-30")],
  xTicks: [d("2026-10-01"), d("2026-11-01"), d("2026-12-01")],
  yDomain: [40, 80],
  yTicks: [40, 60, 80],
  points: [
    { id: "a", day: d("2026-09-01"), date: "2026-09-01", score: 40, givenBy: "Sam", valid: true, aimline: 40 },
    { id: "b", day: d("2026-10-31"), date: "2026-10-31", score: 60, givenBy: "Sam", valid: false, aimline: 50 },
    { id: "c", day: d("2026-12-30"), date: "2026-12-30", score: 80, givenBy: "Sam", valid: true, aimline: 60 },
  ],
  aimline: [xy("2026-09-01", 40), xy("2026-12-30", 90)],
  target: xy("2026-12-30", 90),
  phaseLines: [{ day: d("2026-10-31"), date: "2026-10-31", label: "Phase 2" }],
  tierMarkers: [],
};

describe("packetGraphLayout", () => {
  const l = packetGraphLayout(graph);

  it("puts the first and last days at the plot's edges and the scores on their scale (higher up)", () => {
    expect(l.width).toBe(GRAPH_WIDTH);
    expect(l.height).toBe(GRAPH_HEIGHT);
    expect(l.points[0]).toEqual({ x: l.plot.left, y: l.plot.bottom, valid: true });
    expect(l.points[2]).toEqual({ x: l.plot.right, y: l.plot.top, valid: true });
    // 60 days of 120, half way up.
    expect(l.points[1]!.x).toBeCloseTo((l.plot.left + l.plot.right) / 2, 0);
    expect(l.points[1]!.y).toBeCloseTo((l.plot.top + l.plot.bottom) / 2, 0);
    expect(l.yTicks.map((t) => t.label)).toEqual(["40", "60", "80"]);
    expect(l.xTicks.map((t) => t.label)).toEqual(["Oct 2026", "Nov 2026", "Dec 2026"]);
  });

  it("joins only the valid probes, draws the invalid one hollow, and keeps lines beyond the axis inside the plot", () => {
    expect(l.probePath).toBe(`M ${l.plot.left} ${l.plot.bottom} L ${l.plot.right} ${l.plot.top}`);
    expect(l.points[1]!.valid).toBe(false);
    // The aimline ends at 90, above the axis's 80: clamped to the top.
    expect(l.aimline.y2).toBe(l.plot.top);
    expect(l.target.y).toBe(l.plot.top);
    expect(l.trend).toBeNull();
    expect(l.phaseLines).toEqual([{ x: l.points[1]!.x, label: "Phase 2" }]);
  });

  it("draws a graph of one day and one value in the middle rather than dividing by zero", () => {
    const one = packetGraphLayout({ ...graph, xDomain: [d("2026-09-01"), d("2026-09-01")], yDomain: [50, 50], points: [graph.points[0]!] });
    expect(one.points[0]).toEqual({ x: (one.plot.left + one.plot.right) / 2, y: (one.plot.top + one.plot.bottom) / 2, valid: true });
    expect(one.probePath).toBeNull();
  });

  it("has a key in words for what is drawn", () => {
    expect(graphKey(graph)).toEqual(["Dots: probes (hollow: marked invalid, not counted)", "Dashed black: aimline to the target (circle)", "Grey line: plan change or goal change"]);
  });
});

describe("the marks drawn as one path each (decision 043)", () => {
  const l = packetGraphLayout(graph);
  const valid = l.points.filter((p) => p.valid);
  const invalid = l.points.filter((p) => !p.valid);

  it("draws every valid probe as a dot (a zero-length segment) and every invalid one as a ring of the dot's radius", () => {
    expect(dotsPath(valid)).toBe(valid.map((p) => `M${p.x.toFixed(1)} ${p.y.toFixed(1)}h0`).join(""));
    expect(dotsPath(valid).match(/M/g)).toHaveLength(2);
    const p = invalid[0]!;
    expect(ringsPath(invalid)).toBe(`M${(p.x - PROBE_RADIUS).toFixed(1)} ${p.y.toFixed(1)}a2.6 2.6 0 1 0 5.2 0a2.6 2.6 0 1 0 -5.2 0`);
    expect(dotsPath([])).toBe("");
  });

  it("draws each phase or tier line from the plot's top to its bottom", () => {
    expect(verticalsPath([100, 200.5], l.plot)).toBe(`M100 ${l.plot.top}V${l.plot.bottom}M200.5 ${l.plot.top}V${l.plot.bottom}`);
  });
});

describe("dosageRows", () => {
  it("says planned against delivered, attendance and fidelity; a plan not started says so", () => {
    const summary = {
      period: { from: "2026-09-21", to: "2026-12-01" },
      planned: { sessions: 31, minutes: 930 },
      delivered: { sessions: 28, minutes: 840 },
      minutesPercent: 90.3,
      attendancePercent: 96.4,
      fidelityPercent: 85.7,
      minutesBelow: false,
      fidelityBelow: false,
    } as PeriodSummary;
    expect(dosageRows(summary)).toEqual([
      ["Planned", "930 min in 31 sessions"],
      ["Delivered", "840 min in 28 sessions (90% of planned minutes)"],
      ["Attendance", "96%"],
      ["Fidelity", "86% of the plan's components delivered"],
    ]);
    expect(dosageRows(null)).toEqual([["Delivery", "The plan has not started yet."]]);
  });
});
