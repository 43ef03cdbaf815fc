"use client";

import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import type { ReviewList, ReviewRow } from "@/server/progress/review";
import { TIER_LABEL } from "@/server/tiers/schemas";

/**
 * Goals that need review: the student (to the goal's graph), the measure and
 * intervention, and each reason in words: the rule's call with its finding,
 * and an overdue probe with how long it has been. A client component only so
 * that the page's payload carries the rows' data instead of every cell's
 * element tree (docs/decisions/008-render-cost.md); it renders on the server
 * like any page content and computes nothing.
 */
export function ReviewTable({ rows, caption }: { rows: readonly ReviewRow[]; caption: string }) {
  return (
    <DataTable caption={caption} columns={["Student", "Goal", "Tier", "Why it needs review"]}>
      {rows.map((r) => (
        <Tr key={r.goalId}>
          <th scope="row" className="p-2 text-left align-top font-normal">
            <Link href={`/goals/${r.goalId}`} className="text-blue-800 underline">
              {r.studentName}
              <span className="sr-only">: progress graph of {r.measureName}</span>
            </Link>
          </th>
          <Td className="align-top">
            {r.measureName}
            <span className="block text-sm text-slate-700">{r.planTitle}</span>
          </Td>
          <Td className="align-top whitespace-nowrap">{r.tier ? TIER_LABEL[r.tier] : "No decision"}</Td>
          <Td className="align-top">
            <ul className="space-y-1">
              {r.rule ? (
                <li>
                  <span className="font-medium">{r.rule.title}:</span> {r.rule.finding}.
                </li>
              ) : null}
              {r.overdue ? (
                <li>
                  <span className="font-medium">Probe overdue:</span> {r.overdue.message}
                </li>
              ) : null}
            </ul>
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}

/** A home's "Goals that need review": the first rows and a link to the whole list. */
export function NeedsReviewSection({ list }: { list: ReviewList }) {
  return (
    <section aria-labelledby="needs-review-heading" className="mb-6">
      <h2 id="needs-review-heading" className="mb-2 text-xl font-semibold">
        Goals that need review ({list.total})
      </h2>
      {list.total === 0 ? (
        <p className="text-slate-700">No goal needs review: every rule says continue and every probe is on time.</p>
      ) : (
        <>
          <ReviewTable rows={list.rows} caption={list.total > list.rows.length ? "First goals that need review" : "Goals that need review"} />
          <p className="mt-2">
            <Link href="/goals/review" className="text-blue-800 underline">
              {list.total > list.rows.length ? `See all ${list.total} goals that need review` : "Open the review list"}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
