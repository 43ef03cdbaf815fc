import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import type { Attention, FlaggedList } from "@/server/dashboards/attention";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";

function FlaggedTable({ id, title, list, empty, more, areas }: { id: string; title: string; list: FlaggedList; empty: string; more: string; areas: boolean }) {
  return (
    <div className="mb-4">
      <h3 id={id} className="mb-2 text-lg font-semibold">
        {title} ({list.total.toLocaleString("en-US")})
      </h3>
      {list.total === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <>
          <DataTable caption={title} columns={["Student", "Grade", "School", areas ? "No active plan in" : null]}>
            {list.rows.map((s) => (
              <Tr key={s.id}>
                <th scope="row" className="p-2 text-left font-normal">
                  <Link href={`/students/${s.id}`} className="text-blue-800 underline">
                    {s.name}
                  </Link>
                  {s.goesBy ? <span className="block text-sm text-slate-700">goes by {s.goesBy}</span> : null}
                </th>
                <Td>{GRADE_LABEL[s.grade]}</Td>
                <Td>{s.schoolName}</Td>
                {areas ? <Td>{s.areas.map((a) => `${AREA_LABEL[a.area]} (${TIER_LABEL[a.tier]})`).join(", ")}</Td> : null}
              </Tr>
            ))}
          </DataTable>
          <p className="mt-2">
            <Link href={more} className="text-blue-800 underline" aria-describedby={id}>
              {list.total > list.rows.length ? `See all ${list.total.toLocaleString("en-US")} in the student list` : "Open in the student list"}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

/** The coordinator's and administrator's flags: students the process has lost track of, each list linking to the filtered student list. */
export function AttentionSection({ attention }: { attention: Attention }) {
  return (
    <section aria-labelledby="attention-heading" className="mb-6">
      <h2 id="attention-heading" className="mb-2 text-xl font-semibold">
        Students who need a plan or a caseload member
      </h2>
      <FlaggedTable
        id="no-plan-heading"
        title="Tier 2 or 3 with no active plan"
        list={attention.noPlan}
        empty="Every student in Tier 2 or 3 has an active plan in that area."
        more="/students?flag=noPlan"
        areas
      />
      <FlaggedTable
        id="no-member-heading"
        title="On a plan with no caseload member"
        list={attention.noMember}
        empty="Every student on an active plan has someone on their case."
        more="/students?flag=noMember"
        areas={false}
      />
    </section>
  );
}
