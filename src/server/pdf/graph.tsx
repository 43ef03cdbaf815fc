import "server-only";
import { Circle, Line, Path, Svg, Text } from "@react-pdf/renderer";
import type { ProgressGraph } from "@/domain/progress/graph";
import { GRAPH_COLOR as C, PROBE_RADIUS, dotsPath, packetGraphLayout, ringsPath, verticalsPath } from "@/domain/progress/graph-layout";

/** The drawing's width on the page, in points (the text column of a Letter page with the reports' margins). */
const WIDTH = 523;

/**
 * A goal's graph as vector drawing (react-pdf's Svg primitives), placed by
 * the same layout as the page's SVG.
 *
 * Drawn in as few react-pdf elements as the picture allows (decision 043):
 * react-pdf walks every element of the page's remaining content again for
 * each page it breaks off, so two years of weekly probes drawn as a circle
 * each made the graphs most of a family report's cost. All probes are still
 * drawn, as one path of dots (and one of rings for invalid ones); the grid,
 * the tick marks, the axes, the phase and tier lines are a path each; only
 * the tick labels stay one text each.
 */
export function GraphPdf({ graph, locale }: { graph: ProgressGraph; locale?: string }) {
  const l = packetGraphLayout(graph, locale);
  const { plot } = l;
  const valid = l.points.filter((p) => p.valid);
  const invalid = l.points.filter((p) => !p.valid);
  const grid = l.yTicks.map((t) => `M${plot.left} ${t.y}H${plot.right}`).join("");
  const tickMarks = l.xTicks.map((t) => `M${t.x} ${plot.bottom}v3`).join("");
  return (
    <Svg width={WIDTH} height={(WIDTH * l.height) / l.width} viewBox={`0 0 ${l.width} ${l.height}`}>
      {grid ? <Path d={grid} stroke={C.grid} strokeWidth={0.6} /> : null}
      {l.yTicks.map((t) => (
        <Text key={`y${t.y}`} x={plot.left - 4} y={t.y + 3} textAnchor="end" style={{ fontSize: 8 }} fill={C.text}>
          {t.label}
        </Text>
      ))}
      {tickMarks ? <Path d={tickMarks} stroke={C.text} strokeWidth={0.6} /> : null}
      {l.xTicks.map((t) => (
        <Text key={`x${t.x}`} x={t.x} y={plot.bottom + 13} textAnchor="middle" style={{ fontSize: 8 }} fill={C.text}>
          {t.label}
        </Text>
      ))}
      <Path d={`M${plot.left} ${plot.top}V${plot.bottom}H${plot.right}`} fill="none" stroke={C.text} strokeWidth={0.8} />
      {l.phaseLines.length ? <Path d={verticalsPath(l.phaseLines.map((m) => m.x), plot)} stroke={C.phase} strokeWidth={1.5} /> : null}
      {l.tierLines.length ? <Path d={verticalsPath(l.tierLines.map((m) => m.x), plot)} stroke={C.tier} strokeWidth={1} strokeDasharray="2 3" /> : null}
      <Line {...l.aimline} stroke={C.aimline} strokeWidth={1.5} strokeDasharray="6 3" />
      {l.trend ? <Line {...l.trend} stroke={C.trend} strokeWidth={2} /> : null}
      {l.projection ? <Line {...l.projection} stroke={C.trend} strokeWidth={1.2} strokeDasharray="2 2" /> : null}
      {l.probePath ? <Path d={l.probePath} fill="none" stroke={C.probe} strokeWidth={0.8} /> : null}
      {valid.length ? <Path d={dotsPath(valid)} fill="none" stroke={C.probe} strokeWidth={2 * PROBE_RADIUS} strokeLinecap="round" /> : null}
      {invalid.length ? <Path d={ringsPath(invalid)} fill="#ffffff" stroke={C.probe} strokeWidth={1.2} /> : null}
      <Circle cx={l.target.x} cy={l.target.y} r={4} fill="#ffffff" stroke={C.aimline} strokeWidth={1.8} />
    </Svg>
  );
}
