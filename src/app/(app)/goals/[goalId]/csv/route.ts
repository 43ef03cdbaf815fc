import { getContext } from "@/server/auth/session";
import { getGoalGraph, goalGraphCsv } from "@/server/progress/graph";

/** The graph's table as CSV (an audited export). */
export async function GET(_request: Request, { params }: { params: Promise<{ goalId: string }> }) {
  const ctx = await getContext();
  const view = await getGoalGraph(ctx, (await params).goalId, "export");
  return new Response(goalGraphCsv(view), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // Named by the student's local id and the day, never by name.
      "content-disposition": `attachment; filename="progress-${view.student.localId.replace(/[^A-Za-z0-9_-]/g, "")}-${view.goal.measure.key.replace(/[^A-Za-z0-9_-]/g, "")}-${view.today}.csv"`,
      "cache-control": "no-store",
    },
  });
}
