import Link from "next/link";
import { AREA_LABEL, TIER_LABEL, type InterventionArea, type TierLevel } from "@/server/tiers/schemas";

export interface RosterStudent {
  id: string;
  name: string;
  localId: string;
  grade: string;
  tiers: { area: InterventionArea; tier: TierLevel }[] | null;
  onReportCard: boolean | null;
  accommodations: { id: string; description: string }[] | null;
}

/**
 * A class roster as a list of cards (not a table): on a phone each student's
 * tiers and accommodations wrap under their name, with the things a teacher
 * does for that student right there.
 */
export function ClassRoster({ students, gradeLabel, may }: { students: readonly RosterStudent[]; gradeLabel: (g: string) => string; may: { rateCards: boolean; recordIncidents: boolean } }) {
  if (students.length === 0) return <p className="text-slate-700">No students are enrolled in this class now.</p>;
  return (
    <ul className="space-y-3" aria-label="Students of the class">
      {students.map((s) => (
        <li key={s.id} className="rounded-lg border border-slate-300 bg-white p-3">
          <h3 className="font-semibold">
            <Link href={`/students/${s.id}`} className="text-blue-800 underline">
              {s.name}
            </Link>
          </h3>
          <p className="text-sm text-slate-700">
            {gradeLabel(s.grade)} · {s.localId}
          </p>
          <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
            {s.tiers ? (
              <>
                <dt className="font-medium">Tiers</dt>
                <dd>{s.tiers.length ? s.tiers.map((t) => `${AREA_LABEL[t.area]}: ${TIER_LABEL[t.tier]}`).join("; ") : "No tier decisions yet"}</dd>
              </>
            ) : null}
            {s.onReportCard !== null ? (
              <>
                <dt className="font-medium">Flags</dt>
                <dd>{s.onReportCard ? "On a daily report card" : "None"}</dd>
              </>
            ) : null}
            {s.accommodations ? (
              <>
                <dt className="font-medium">Accommodations</dt>
                <dd>
                  {s.accommodations.length ? (
                    <ul className="list-disc pl-5">
                      {s.accommodations.map((a) => (
                        <li key={a.id}>{a.description}</li>
                      ))}
                    </ul>
                  ) : (
                    "None"
                  )}
                </dd>
              </>
            ) : null}
          </dl>
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {may.rateCards && s.onReportCard ? (
              <Link href="/behavior/cards" className="text-blue-800 underline">
                Rate today&apos;s card<span className="sr-only"> for {s.name}</span>
              </Link>
            ) : null}
            {may.recordIncidents ? (
              <Link href={`/behavior/incidents/new?student=${s.id}`} className="text-blue-800 underline">
                Record an incident<span className="sr-only"> for {s.name}</span>
              </Link>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
