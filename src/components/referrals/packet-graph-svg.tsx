import type { ProgressGraph } from "@/domain/progress/graph";
import { GRAPH_COLOR as C, PROBE_RADIUS as R, dotsPath as dots, packetGraphLayout, ringsPath as rings } from "@/domain/progress/graph-layout";

/**
 * A goal's graph on the printable packet: plain SVG from the server (no
 * script, so it prints as it shows), placed by packetGraphLayout as the PDF's
 * is. One image to assistive technology, named by the graph's summary; the
 * figures and the probe table beside it carry the data.
 */
export function PacketGraphSvg({ graph, summary, locale }: { graph: ProgressGraph; summary: string; locale?: string }) {
  const l = packetGraphLayout(graph, locale);
  const { plot } = l;
  const valid = l.points.filter((p) => p.valid);
  const invalid = l.points.filter((p) => !p.valid);
  return (
    <svg viewBox={`0 0 ${l.width} ${l.height}`} role="img" aria-label={summary} className="h-auto w-full max-w-2xl rounded-md border border-slate-300 bg-white">
      {l.yTicks.map((t) => (
        <g key={`y${t.y}`}>
          <line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} stroke={C.grid} strokeWidth={0.6} />
          <text x={plot.left - 4} y={t.y + 3} textAnchor="end" fontSize={9} fill={C.text}>
            {t.label}
          </text>
        </g>
      ))}
      {l.xTicks.map((t) => (
        <g key={`x${t.x}`}>
          <line x1={t.x} x2={t.x} y1={plot.bottom} y2={plot.bottom + 3} stroke={C.text} strokeWidth={0.6} />
          <text x={t.x} y={plot.bottom + 13} textAnchor="middle" fontSize={9} fill={C.text}>
            {t.label}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={C.text} strokeWidth={0.8} />
      <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke={C.text} strokeWidth={0.8} />
      {l.phaseLines.map((m) => (
        <line key={`p${m.x}`} x1={m.x} x2={m.x} y1={plot.top} y2={plot.bottom} stroke={C.phase} strokeWidth={1.5} />
      ))}
      {l.tierLines.map((m) => (
        <line key={`t${m.x}${m.label}`} x1={m.x} x2={m.x} y1={plot.top} y2={plot.bottom} stroke={C.tier} strokeWidth={1} strokeDasharray="2 3" />
      ))}
      <line {...l.aimline} stroke={C.aimline} strokeWidth={1.5} strokeDasharray="6 3" />
      {l.trend ? <line {...l.trend} stroke={C.trend} strokeWidth={2} /> : null}
      {l.projection ? <line {...l.projection} stroke={C.trend} strokeWidth={1.2} strokeDasharray="2 2" /> : null}
      {l.probePath ? <path d={l.probePath} fill="none" stroke={C.probe} strokeWidth={0.8} /> : null}
      {/* The probes as two paths of circles (valid filled, invalid hollow) rather than an element each: two years of weekly probes are a hundred circles, paid for in the payload and the HTML (decision 008). */}
      {valid.length ? <path d={dots(valid)} fill="none" stroke={C.probe} strokeWidth={2 * R} strokeLinecap="round" /> : null}
      {invalid.length ? <path d={rings(invalid)} fill="#ffffff" stroke={C.probe} strokeWidth={1.2} /> : null}
      <circle cx={l.target.x} cy={l.target.y} r={4} fill="#ffffff" stroke={C.aimline} strokeWidth={1.8} />
    </svg>
  );
}
