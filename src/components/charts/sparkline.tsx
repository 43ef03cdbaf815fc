import { SPARK_HEIGHT, SPARK_WIDTH, type Sparkline as SparklineData } from "@/domain/progress/sparkline";

/**
 * A goal's probes against its aimline in a small box. The picture is an image
 * whose accessible name is the sparkline's text, and the text is also printed
 * beside it (visible), so nobody depends on the line alone.
 */
export function Sparkline({ data }: { data: SparklineData }) {
  const { aimline, points, last, text } = data;
  return (
    <svg
      role="img"
      aria-label={text}
      viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      width={SPARK_WIDTH}
      height={SPARK_HEIGHT}
      className="shrink-0 overflow-visible rounded border border-slate-300 bg-white"
    >
      <line x1={aimline.x1} y1={aimline.y1} x2={aimline.x2} y2={aimline.y2} stroke="#475569" strokeWidth={1} strokeDasharray="3 2" />
      {points ? <polyline points={points} fill="none" stroke="#1e40af" strokeWidth={1.5} strokeLinejoin="round" /> : null}
      {last ? <circle cx={last.x} cy={last.y} r={2.5} fill="#1e40af" /> : null}
    </svg>
  );
}
