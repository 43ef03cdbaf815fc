import Link from "next/link";
import { formatDay, formatMoment } from "@/components/students/format";
import { HISTORY_KIND_LABEL, type HistoryEntry } from "@/domain/history";

/** "Week of Nov 2, 2026", "Nov 3, 2026" or "Nov 3, 2026, 2:10 PM" (in the district's time zone): what the entry's time is. */
function when(e: HistoryEntry, timeZone: string): string {
  if (e.weekOf) return `Week of ${formatDay(e.weekOf)}`;
  return e.at.length === 10 ? formatDay(e.at) : formatMoment(e.at, timeZone);
}

/** A student's history entries, newest first: what, when, who, and a link to the thing. */
export function HistoryFeed({ entries, label, timeZone }: { entries: readonly HistoryEntry[]; label: string; timeZone: string }) {
  return (
    <ol className="border-l-2 border-slate-300 pl-4" aria-label={label}>
      {entries.map((e) => (
        <li key={e.key} className="mb-3 break-words">
          <p className="text-sm text-slate-700">
            <time dateTime={e.weekOf ?? e.at}>{when(e, timeZone)}</time> · {HISTORY_KIND_LABEL[e.kind]}
            {e.who.length ? <> · by {e.who.join(", ")}</> : null}
          </p>
          <p className="font-medium">
            {e.href ? (
              <Link href={e.href} className="text-blue-800 underline">
                {e.title}
              </Link>
            ) : (
              e.title
            )}
          </p>
          {e.detail ? <p className="text-sm text-slate-800">{e.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
