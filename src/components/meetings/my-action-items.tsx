import { ActionItemStatusForm } from "@/components/meetings/forms";
import { formatDay } from "@/components/students/format";
import { getContext } from "@/server/auth/session";
import { getMyActionItems } from "@/server/meetings/queries";

/** The action items a meeting gave the signed-in person, on their home; nothing when they own none. */
export async function MyActionItems() {
  const ctx = await getContext();
  const items = await getMyActionItems(ctx);
  if (items.length === 0) return null;
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <section aria-labelledby="action-items-heading" className="mb-6">
      <h2 id="action-items-heading" className="mb-2 text-xl font-semibold">
        Your action items from meetings ({items.length}
        {overdue ? `, ${overdue} overdue` : ""})
      </h2>
      <ul className="space-y-2">
        {items.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-3">
            <span>
              {a.description} — due {formatDay(a.dueDate)}
              {a.overdue ? <strong className="text-red-800"> (overdue)</strong> : null}
              <span className="text-slate-700"> · meeting of {formatDay(a.meetingDate)}, {a.schoolName}</span>
            </span>
            <ActionItemStatusForm itemId={a.id} label={a.description} />
          </li>
        ))}
      </ul>
    </section>
  );
}
