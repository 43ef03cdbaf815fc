import { formatDay } from "@/components/students/format";
import { Section } from "@/components/ui/section";
import type { AccommodationRecord, AccommodationView, StudentAccommodations } from "@/server/accommodations/queries";
import { ACCOMMODATION_SOURCE_LABEL } from "@/server/accommodations/schemas";
import { AccommodationForm, ArchiveAccommodationForm } from "./accommodation-form";

/** "IEP · since 2 Sept 2026 · until 19 June 2027"; the source only when the viewer may see it. */
export function accommodationDetail(a: AccommodationView, today: string): string {
  return [
    a.source ? ACCOMMODATION_SOURCE_LABEL[a.source] : null,
    a.startDate > today ? `from ${formatDay(a.startDate)}` : `since ${formatDay(a.startDate)}`,
    a.endDate ? `until ${formatDay(a.endDate)}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

function pastDetail(a: AccommodationRecord): string {
  if (a.archived) return "Removed: entered by mistake";
  return [a.source ? ACCOMMODATION_SOURCE_LABEL[a.source] : null, `${formatDay(a.startDate)} to ${formatDay(a.endDate!)}`].filter(Boolean).join(" · ");
}

/**
 * A student's accommodations on the profile (the body of the record's
 * section): the current ones (with the forms to edit, end or remove them for
 * those who may), the form to add one, and the past ones folded away.
 */
export function AccommodationsBody({ studentId, accommodations, canManage, today }: { studentId: string; accommodations: StudentAccommodations; canManage: boolean; today: string }) {
  const { current, past } = accommodations;
  return (
    <>
      <p className="mb-3 text-sm text-slate-700">What everyone working with this student must honour.</p>
      {current.length ? (
        <ul className="space-y-3">
          {current.map((a) => (
            <li key={a.id} className="rounded-md border border-slate-300 p-3">
              <p className="font-medium text-slate-900">{a.description}</p>
              <p className="text-sm text-slate-700">{accommodationDetail(a, today)}</p>
              {canManage ? (
                <>
                  <AccommodationForm studentId={studentId} accommodation={a} today={today} />
                  <ArchiveAccommodationForm accommodationId={a.id} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">No current accommodations.</p>
      )}
      {canManage ? <AccommodationForm studentId={studentId} today={today} /> : null}
      {past.length ? (
        <details className="mt-4">
          <summary className="cursor-pointer font-medium text-blue-800 underline">Past accommodations ({past.length})</summary>
          <ul className="mt-2 space-y-2">
            {past.map((a) => (
              <li key={a.id} className="rounded-md border border-slate-300 bg-slate-50 p-3">
                <p className="text-slate-900">{a.description}</p>
                <p className="text-sm text-slate-700">{pastDetail(a)}</p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/**
 * The current accommodations of a plan's students, for those who deliver or
 * oversee it: only the students in `accommodations` (those the viewer may see
 * them for), named when the plan has several.
 */
export function AccommodationsToHonour({
  students,
  accommodations,
  today,
}: {
  students: { id: string; fullName: string }[];
  accommodations: ReadonlyMap<string, AccommodationView[]>;
  today: string;
}) {
  const shown = students.filter((s) => accommodations.has(s.id));
  if (shown.length === 0) return null;
  return (
    <Section id="accommodations" title="Accommodations to honour">
      {shown.map((s) => {
        const list = accommodations.get(s.id)!;
        return (
          <div key={s.id} className="mb-3 last:mb-0">
            {students.length > 1 ? <h3 className="mb-1 font-semibold">{s.fullName}</h3> : null}
            {list.length ? (
              <ul className="list-disc space-y-1 pl-6">
                {list.map((a) => (
                  <li key={a.id}>
                    {a.description} <span className="text-sm text-slate-700">({accommodationDetail(a, today)})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-700">No current accommodations.</p>
            )}
          </div>
        );
      })}
    </Section>
  );
}
