import type { ProgressGraph } from "@/domain/progress/graph";

// Where every mark of a goal's graph goes on the fixed-size drawing of the
// referral packet and the family report: the printable pages draw it as an
// <svg> (src/components/referrals/packet-graph-svg.tsx), the PDFs with
// react-pdf's Svg primitives (src/server/pdf/graph.tsx), from these same numbers (which come, in turn, from the server's
// progressGraph: nothing is recomputed, only placed). Fixed size, so the
// printed page and the PDF draw the graph alike.

export const GRAPH_WIDTH = 520;
export const GRAPH_HEIGHT = 210;
const MARGIN = { top: 14, right: 14, bottom: 24, left: 42 };

export const GRAPH_COLOR = {
  probe: "#1e40af",
  aimline: "#0f172a",
  trend: "#b45309",
  phase: "#475569",
  tier: "#7e22ce",
  grid: "#cbd5e1",
  text: "#334155",
} as const;

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  aimline: Segment;
  trend: Segment | null;
  projection: Segment | null;
  target: { x: number; y: number };
  /** "M x y L x y ...": the valid probes joined in date order (null with fewer than two). */
  probePath: string | null;
  points: { x: number; y: number; valid: boolean }[];
  phaseLines: { x: number; label: string }[];
  tierLines: { x: number; label: string }[];
}

const MS_PER_DAY = 86_400_000;
const MONTH_OPTIONS = { timeZone: "UTC", month: "short", year: "numeric" } as const;
const MONTH = new Intl.DateTimeFormat("en-US", MONTH_OPTIONS);
const round = (n: number) => Math.round(n * 10) / 10;

/** `locale`: the language of the month labels (the family report's; the packet's is English). */
export function packetGraphLayout(graph: ProgressGraph, locale?: string): GraphLayout {
  const month = locale ? new Intl.DateTimeFormat(locale, MONTH_OPTIONS) : MONTH;
  const plot = { left: MARGIN.left, top: MARGIN.top, right: GRAPH_WIDTH - MARGIN.right, bottom: GRAPH_HEIGHT - MARGIN.bottom };
  const [x0, x1] = graph.xDomain;
  const [y0, y1] = graph.yDomain;
  // A domain of one day or one value still draws (in the middle) rather than dividing by zero.
  const x = (day: number) => round(x1 === x0 ? (plot.left + plot.right) / 2 : plot.left + ((day - x0) / (x1 - x0)) * (plot.right - plot.left));
  const y = (value: number) => round(y1 === y0 ? (plot.top + plot.bottom) / 2 : plot.bottom - ((value - y0) / (y1 - y0)) * (plot.bottom - plot.top));
  // Lines past the plot (an aimline beyond a later probe's axis) are clipped by clamping to it.
  const cy = (value: number) => Math.min(plot.bottom, Math.max(plot.top, y(value)));
  const seg = (s: ProgressGraph["aimline"]): Segment => ({ x1: x(s[0].day), y1: cy(s[0].value), x2: x(s[1].day), y2: cy(s[1].value) });
  const valid = graph.points.filter((p) => p.valid);
  return {
    width: GRAPH_WIDTH,
    height: GRAPH_HEIGHT,
    plot,
    yTicks: graph.yTicks.map((t) => ({ y: y(t), label: String(t) })),
    xTicks: graph.xTicks.map((d) => ({ x: x(d), label: month.format(new Date(d * MS_PER_DAY)) })),
    aimline: seg(graph.aimline),
    trend: graph.trend ? seg(graph.trend) : null,
    projection: graph.projection ? seg(graph.projection) : null,
    target: { x: x(graph.target.day), y: cy(graph.target.value) },
    probePath: valid.length > 1 ? valid.map((p, i) => `${i ? "L" : "M"} ${x(p.day)} ${y(p.score)}`).join(" ") : null,
    points: graph.points.map((p) => ({ x: x(p.day), y: y(p.score), valid: p.valid })),
    phaseLines: graph.phaseLines.map((m) => ({ x: x(m.day), label: m.label })),
    tierLines: graph.tierMarkers.map((m) => ({ x: x(m.day), label: m.label })),
  };
}

/** A probe's dot radius, in the drawing's units. */
export const PROBE_RADIUS = 2.6;
const R = PROBE_RADIUS;

/**
 * Valid probes as one path of zero-length segments, drawn with round caps of
 * width 2 x PROBE_RADIUS: a filled dot each (SVG and PDF both paint a
 * degenerate subpath with round caps as a dot), in a fifth of a circle's
 * markup and as one element instead of one per probe (decisions 008, 043).
 */
export const dotsPath = (points: readonly { x: number; y: number }[]): string => points.map((p) => `M${p.x.toFixed(1)} ${p.y.toFixed(1)}h0`).join("");

/** Invalid probes as hollow circles: two half-circle arcs each, in one path. */
export const ringsPath = (points: readonly { x: number; y: number }[]): string =>
  points.map((p) => `M${(p.x - R).toFixed(1)} ${p.y.toFixed(1)}a${R} ${R} 0 1 0 ${2 * R} 0a${R} ${R} 0 1 0 ${-2 * R} 0`).join("");

/** Vertical lines across the plot (phase changes, tier decisions) as one path. */
export const verticalsPath = (xs: readonly number[], plot: GraphLayout["plot"]): string => xs.map((x) => `M${x} ${plot.top}V${plot.bottom}`).join("");

/** The graph's key, in words (the same on the page and in the PDF). */
export function graphKey(graph: ProgressGraph): string[] {
  return [
    `Dots: probes${graph.points.some((p) => !p.valid) ? " (hollow: marked invalid, not counted)" : ""}`,
    "Dashed black: aimline to the target (circle)",
    ...(graph.trend ? [`Orange: trend${graph.projection ? ", dotted to the target date" : ""}`] : []),
    ...(graph.phaseLines.length ? ["Grey line: plan change or goal change"] : []),
    ...(graph.tierMarkers.length ? ["Purple dotted: tier decision"] : []),
  ];
}
