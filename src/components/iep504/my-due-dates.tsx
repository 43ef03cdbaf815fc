import Link from "next/link";
import { formatDay } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { dueWords } from "@/domain/iep504/dates";
import { getContext } from "@/server/auth/session";
import { getMyDueDates, HOME_HORIZON_DAYS } from "@/server/iep504/queries";
import { todayIso } from "@/server/students/schemas";
import { recordHref } from "@/server/students/record-sections";

/**
 * A case manager's IEP/504 and referral dates on their home: overdue ones and
 * those due in the next 90 days. Self-contained (reads the session itself);
 * renders nothing for someone who manages no such dates.
 */
export async function MyDueDates() {
  const ctx = await getContext();
  const items = await getMyDueDates(ctx);
  if (items.length === 0) return null;
  const today = todayIso();
  const overdue = items.filter((i) => i.daysLeft < 0).length;
  return (
    <section aria-labelledby="due-dates-heading" className="mb-6">
      <h2 id="due-dates-heading" className="mb-2 text-xl font-semibold">
        IEP, 504 and referral dates ({items.length}
        {overdue ? `, ${overdue} overdue` : ""})
      </h2>
      <p className="mb-2 text-sm text-slate-700">Overdue, and due in the next {HOME_HORIZON_DAYS} days, for the students you are case manager of.</p>
      <DataTable caption="IEP, 504 and referral dates you keep" columns={["Student", "What", "Due", "When"]}>
        {items.map((i) => (
          <Tr key={`${i.studentId}-${i.what}`}>
            <Td>
              <Link href={recordHref(i.studentId, i.what === "Evaluation (referral)" ? "referrals" : "iep504")} className="text-blue-800 underline">
                {i.studentName}
              </Link>
            </Td>
            <Td>{i.what}</Td>
            <Td className="whitespace-nowrap">
              <time dateTime={i.due}>{formatDay(i.due)}</time>
            </Td>
            <Td className={i.daysLeft < 0 ? "font-semibold text-red-800" : undefined}>{dueWords(i.due, today)}</Td>
          </Tr>
        ))}
      </DataTable>
    </section>
  );
}
