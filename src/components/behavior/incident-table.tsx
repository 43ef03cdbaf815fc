"use client";

import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";

export interface IncidentRow {
  id: string;
  /** Day and time, as shown. */
  when: string;
  behavior: string;
  /** "minor" or "major". */
  severity: string;
  location: string;
  status: string;
}

/**
 * A student's latest incidents, newest first, each linking to the incident.
 * A client component only so the payload carries the rows as data, not each
 * cell's elements (decision 008); the strings come formatted from the server.
 */
export function IncidentTable({ rows }: { rows: readonly IncidentRow[] }) {
  return (
    <DataTable className="text-sm" caption="The student's incidents, newest first" columns={["When", "Behaviour", "Where", "Status"]}>
      {rows.map((i) => (
        <Tr key={i.id}>
          <Td className="whitespace-nowrap">
            <Link href={`/behavior/incidents/${i.id}`} className="text-blue-800 underline">
              {i.when}
            </Link>
          </Td>
          <Td>
            {i.behavior} <span className="text-slate-700">({i.severity})</span>
          </Td>
          <Td>{i.location}</Td>
          <Td>{i.status}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
