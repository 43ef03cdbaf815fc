import type { Metadata } from "next";
import Link from "next/link";
import { GoalGraphLink } from "@/components/progress/goal-graph-link";
import { TodayPlanCard } from "@/components/sessions/today-plan";
import { formatDay } from "@/components/students/format";
import { WEEKDAY_LABEL } from "@/domain/dosage";
import { formatValue } from "@/domain/measures";
import { getContext } from "@/server/auth/session";
import { getToday } from "@/server/sessions/queries";
import { SESSION_STATUS_LABEL } from "@/server/sessions/schemas";

export const metadata: Metadata = { title: "Today" };

/** The sessions the user's active plans call for today, each one tap from logging; their other active plans below. */
export default async function TodayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { today, plans, justLogged, missed, next } = await getToday(ctx, await searchParams);
  const scheduled = plans.filter((p) => p.scheduledToday);
  const others = plans.filter((p) => !p.scheduledToday);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Today</h1>
      <p className="mb-4 text-slate-700">{formatDay(today)}</p>
      {justLogged ? (
        <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          Session logged: {justLogged.title}, {formatDay(justLogged.date)}, {SESSION_STATUS_LABEL[justLogged.status].toLowerCase()}.{" "}
          <Link href={`/sessions/${justLogged.id}/edit`} className="text-blue-800 underline">
            Change it
          </Link>
          {justLogged.probes.length ? (
            <span className="mt-1 block">
              {justLogged.probes.map((p) => (
                <span key={p.id} className="block">
                  Probe recorded for {p.studentName}: {formatValue(p.measure, p.score)} {p.measure.unit}.{" "}
                  <GoalGraphLink goal={{ id: p.goalId, sentence: `${p.studentName}, ${p.measure.name}` }} />
                </span>
              ))}
            </span>
          ) : null}
        </p>
      ) : null}
      <section aria-labelledby="scheduled-heading" className="mb-8">
        <h2 id="scheduled-heading" className="mb-2 text-xl font-semibold">
          Scheduled today ({scheduled.length})
        </h2>
        {scheduled.length ? (
          <ul className="grid gap-3 md:grid-cols-2">
            {scheduled.map((p) => (
              <TodayPlanCard key={p.id} plan={p} today={today} />
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">
            {!plans.length
              ? "You are not delivering any active plan."
              : next
                ? `Nothing is scheduled today. Next: ${next.plans
                    .map((p) => `${p.title} (${p.students})${p.scheduleTime ? ` at ${p.scheduleTime}` : ""}`)
                    .join(", ")} on ${WEEKDAY_LABEL[next.weekday]}, ${formatDay(next.date)}.`
                : "None of your plans meets on fixed days: log a session from the list below when it happens."}
          </p>
        )}
      </section>
      {missed.length ? (
        <section aria-labelledby="missed-heading" className="mb-8">
          <h2 id="missed-heading" className="mb-1 text-xl font-semibold">
            Not logged this week ({missed.length})
          </h2>
          <p className="mb-2 text-slate-700">Scheduled on an earlier day this week with no session logged. Log what happened, even if it did not take place.</p>
          <ul className="grid gap-2">
            {missed.map((m) => (
              <li key={`${m.planId}/${m.date}`} className="rounded-lg border border-amber-700 bg-amber-50 p-3">
                <p>
                  {WEEKDAY_LABEL[m.weekday]}&apos;s {m.title} {m.students.includes(",") || m.students.includes(" and ") ? "group" : "session"} ({m.students}
                  {m.scheduleTime ? `, ${m.scheduleTime}` : ""}) was not logged.
                </p>
                <Link href={`/sessions/new/${m.planId}?date=${m.date}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
                  Log {WEEKDAY_LABEL[m.weekday]}&apos;s session
                  <span className="sr-only">
                    {" "}
                    of {m.title}, {formatDay(m.date)}
                    {m.scheduleTime ? ` ${m.scheduleTime}` : ""}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {others.length ? (
        <section aria-labelledby="other-heading">
          <h2 id="other-heading" className="mb-1 text-xl font-semibold">
            Your other active plans ({others.length})
          </h2>
          <p className="mb-2 text-slate-700">For a make-up session, or a plan with no fixed days.</p>
          <ul className="grid gap-3 md:grid-cols-2">
            {others.map((p) => (
              <TodayPlanCard key={p.id} plan={p} today={today} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
