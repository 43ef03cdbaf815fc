import "server-only";
import { Circle, G, Line, Path, Svg, Text } from "@react-pdf/renderer";
import type { ProgressGraph } from "@/domain/progress/graph";
import { GRAPH_COLOR as C, packetGraphLayout } from "@/domain/progress/graph-layout";

/** A goal's graph as vector drawing (react-pdf's Svg primitives), placed by the same layout as the page's SVG. */
export function GraphPdf({ graph, locale }: { graph: ProgressGraph; locale?: string }) {
  const l = packetGraphLayout(graph, locale);
  const { plot } = l;
  const width = 523;
  return (
    <Svg width={width} height={(width * l.height) / l.width} viewBox={`0 0 ${l.width} ${l.height}`}>
      {l.yTicks.map((t) => (
        <G key={`y${t.y}`}>
          <Line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} stroke={C.grid} strokeWidth={0.6} />
          <Text x={plot.left - 4} y={t.y + 3} textAnchor="end" style={{ fontSize: 8 }} fill={C.text}>
            {t.label}
          </Text>
        </G>
      ))}
      {l.xTicks.map((t) => (
        <G key={`x${t.x}`}>
          <Line x1={t.x} x2={t.x} y1={plot.bottom} y2={plot.bottom + 3} stroke={C.text} strokeWidth={0.6} />
          <Text x={t.x} y={plot.bottom + 13} textAnchor="middle" style={{ fontSize: 8 }} fill={C.text}>
            {t.label}
          </Text>
        </G>
      ))}
      <Line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={C.text} strokeWidth={0.8} />
      <Line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke={C.text} strokeWidth={0.8} />
      {l.phaseLines.map((m) => (
        <Line key={`p${m.x}`} x1={m.x} x2={m.x} y1={plot.top} y2={plot.bottom} stroke={C.phase} strokeWidth={1.5} />
      ))}
      {l.tierLines.map((m) => (
        <Line key={`t${m.x}${m.label}`} x1={m.x} x2={m.x} y1={plot.top} y2={plot.bottom} stroke={C.tier} strokeWidth={1} strokeDasharray="2 3" />
      ))}
      <Line {...l.aimline} stroke={C.aimline} strokeWidth={1.5} strokeDasharray="6 3" />
      {l.trend ? <Line {...l.trend} stroke={C.trend} strokeWidth={2} /> : null}
      {l.projection ? <Line {...l.projection} stroke={C.trend} strokeWidth={1.2} strokeDasharray="2 2" /> : null}
      {l.probePath ? <Path d={l.probePath} fill="none" stroke={C.probe} strokeWidth={0.8} /> : null}
      {l.points.map((p, i) => (
        <Circle key={i} cx={p.x} cy={p.y} r={2.6} fill={p.valid ? C.probe : "#ffffff"} stroke={C.probe} strokeWidth={p.valid ? 0 : 1.2} />
      ))}
      <Circle cx={l.target.x} cy={l.target.y} r={4} fill="#ffffff" stroke={C.aimline} strokeWidth={1.8} />
    </Svg>
  );
}
