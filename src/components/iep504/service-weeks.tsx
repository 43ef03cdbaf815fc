import { formatDay } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import type { ServiceWeek } from "@/domain/iep504/service-minutes";

/** Required vs delivered minutes per week, the short weeks flagged in words (not by colour alone). */
export function ServiceWeeksTable({ weeks, caption }: { weeks: ServiceWeek[]; caption: string }) {
  return (
    <DataTable className="text-sm" caption={caption} columns={["Week of", "Required", "Delivered", "Status"]}>
      {weeks.map((w) => (
        <Tr key={w.weekOf}>
          <Td className="whitespace-nowrap">{formatDay(w.weekOf)}</Td>
          <Td>{w.required} min</Td>
          <Td>{w.delivered} min</Td>
          <Td>
            {w.current ? (
              <span className="text-slate-700">This week, so far</span>
            ) : w.shortfall ? (
              <span className="font-semibold text-red-800">Shortfall: {w.required - w.delivered} min</span>
            ) : (
              "Met"
            )}
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
