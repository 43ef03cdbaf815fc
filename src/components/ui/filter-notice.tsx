import { QUERY_KEY_LABEL } from "@/server/search-params";

/**
 * Says that some of the address's filters were not understood and what the
 * page shows instead (issue 21: never ignore a bad filter silently). Names
 * the filters by their fixed labels, never by the value the link carried.
 * role="status": announced to screen readers without taking focus.
 */
/** showing: what the page lists instead, e.g. "all interventions" ("…; showing all interventions without it."). */
export function FilterNotice({ notUnderstood, showing }: { notUnderstood: readonly string[]; showing: string }) {
  if (!notUnderstood.length) return null;
  const names = notUnderstood.map((k) => QUERY_KEY_LABEL[k] ?? k);
  return (
    <p role="status" data-filter-notice className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950">
      {names.length === 1 ? "That filter was" : "Those filters were"} not understood ({names.join(", ")}); showing {showing} without {names.length === 1 ? "it" : "them"}.
    </p>
  );
}
