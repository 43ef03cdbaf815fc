import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { formatDay } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { getReviewQueue } from "@/server/behavior/queries";
import { FilterNotice } from "@/components/ui/filter-notice";

export const metadata: Metadata = { title: "Incidents to review" };

export default async function IncidentReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const queue = await getReviewQueue(ctx, await searchParams);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Incidents to review</h1>
      <FilterNotice notUnderstood={queue.notUnderstood} showing="the first page" />
      <p className="mb-4 max-w-3xl text-slate-700">Major incidents at your schools that nobody has reviewed yet, oldest first. Minor incidents are handled by the staff who record them.</p>
      <p className="mb-2" role="status">
        {queue.total === 0 ? "No major incident is waiting for review." : `${queue.total} ${queue.total === 1 ? "incident is" : "incidents are"} waiting for review. Page ${queue.page} of ${queue.pages}.`}
      </p>
      {queue.rows.length ? (
        <DataTable caption="Major incidents waiting for review" columns={["Student", "When", "Behaviour", "Location", "Reported by"]}>
          {queue.rows.map((r) => (
            <Tr key={r.id}>
              <Td>
                <Link href={`/behavior/incidents/${r.id}`} className="text-blue-800 underline">
                  {r.studentName}
                </Link>
              </Td>
              <Td className="whitespace-nowrap">
                {formatDay(r.occurredOn)} {r.occurredTime}
              </Td>
              <Td>{r.behavior}</Td>
              <Td>{r.location}</Td>
              <Td>{r.reportedBy}</Td>
            </Tr>
          ))}
        </DataTable>
      ) : null}
      <Pagination label="Pages of incidents to review" page={queue.page} pageCount={queue.pages} hrefFor={(p) => `/behavior/review?page=${p}`} />
    </>
  );
}
