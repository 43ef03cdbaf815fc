"use client";
import Link from "next/link";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/components/ui/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { ratingLabel } from "@/domain/cico";
import { markCicoDay, rateCicoPeriod } from "@/server/cico/actions";
import type { CardToday } from "@/server/cico/queries";

// The day of one card on a phone: the check-in/check-out marks, then each
// period with a row of big rating buttons per expectation. Every button is
// a submit button (one tap records one rating, with or without JavaScript);
// "All met" records the whole period at the top of the scale, so a usual
// period is two taps: open it, tap "All met". A double tap or a resubmitted
// form records once (the server keys ratings by card, day, period and
// expectation).

const cx = (...c: (string | false | undefined)[]) => c.filter(Boolean).join(" ");

/** A submit button that goes quiet while its form is being sent (a second tap is ignored). */
function TapButton({ name, value, pressed, children, className, label }: { name: string; value: string; pressed?: boolean; children: React.ReactNode; className?: string; label?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      aria-pressed={pressed}
      aria-label={label}
      aria-disabled={pending || undefined}
      onClick={(e) => {
        if (pending) e.preventDefault();
      }}
      className={cx(
        "min-h-12 min-w-12 flex-1 rounded-md border-2 px-3 py-2 text-lg font-semibold",
        pressed ? "border-blue-900 bg-blue-800 text-white" : "border-slate-600 bg-white text-slate-900 hover:bg-slate-100",
        className,
      )}
    >
      {children}
    </button>
  );
}

function PeriodForm({ card, day, period, index, open }: { card: CardToday; day: string; period: string; index: number; open: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(rateCicoPeriod, null);
  const given = card.ratings[period] ?? {};
  const rated = card.expectations.filter((e) => given[e] !== undefined).length;
  const points = card.expectations.reduce((s, e) => s + (given[e] ?? 0), 0);
  const summary = rated === 0 ? "not rated" : rated === card.expectations.length ? `${points} of ${rated * card.scaleMax}` : `${rated} of ${card.expectations.length} rated`;
  const scale = Array.from({ length: card.scaleMax + 1 }, (_, v) => v);
  return (
    <details open={open} className="rounded-md border border-slate-300">
      <summary className="flex min-h-12 cursor-pointer items-center justify-between gap-2 px-3 py-2 font-semibold">
        <span>{period}</span>
        <span className="text-sm font-normal text-slate-700">{summary}</span>
      </summary>
      <form action={action} className="px-3 pb-3" aria-label={`${period}, ${card.studentName}`}>
        <input type="hidden" name="unverifiedCardId" value={card.id} />
        <input type="hidden" name="date" value={day} />
        <input type="hidden" name="period" value={period} />
        <FormMessage state={state} />
        <TapButton name="all" value={String(card.scaleMax)} className="mb-3 w-full" label={`All met (${card.scaleMax}), ${period}`}>
          All met ({card.scaleMax})
        </TapButton>
        {card.expectations.map((e, i) => {
          const id = `x-${card.id}-${index}-${i}`;
          return (
            <div key={e} role="group" aria-labelledby={id} className="mb-2">
              <p id={id} className="mb-1">
                {e}
                {given[e] !== undefined ? <span className="text-sm text-slate-700"> · rated {ratingLabel(given[e], card.scaleMax)}</span> : null}
              </p>
              <div className="flex gap-2">
                {scale.map((v) => (
                  <TapButton key={v} name="rating" value={`${v}|${e}`} pressed={given[e] === v}>
                    {v}
                  </TapButton>
                ))}
              </div>
            </div>
          );
        })}
      </form>
    </details>
  );
}

function DayMarks({ card, day }: { card: CardToday; day: string }) {
  const [state, action] = useActionState<ActionState, FormData>(markCicoDay, null);
  const marks = [
    { key: "checkedIn", on: card.checkedIn, yes: "Checked in", no: "Check in" },
    { key: "checkedOut", on: card.checkedOut, yes: "Checked out", no: "Check out" },
    { key: "absent", on: card.absent, yes: "Absent today (clear)", no: "Absent all day" },
  ] as const;
  return (
    <form action={action} className="mb-3" aria-label={`Check-in and check-out, ${card.studentName}`}>
      <input type="hidden" name="unverifiedCardId" value={card.id} />
      <input type="hidden" name="date" value={day} />
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <div className="flex flex-wrap gap-2">
        {marks.map((m) => (
          <TapButton key={m.key} name="mark" value={`${m.key}:${m.on ? "off" : "on"}`} pressed={m.on} className="text-base">
            {m.on ? `✓ ${m.yes}` : m.no}
          </TapButton>
        ))}
      </div>
    </form>
  );
}

/** One card's day: marks, the day's percentage so far, and its periods. */
export function RatingCard({ card, day, headingLevel = 2, showName = true }: { card: CardToday; day: string; headingLevel?: 2 | 3; showName?: boolean }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const firstOpen = card.periods.find((p) => card.expectations.some((e) => card.ratings[p]?.[e] === undefined));
  return (
    <section aria-labelledby={`card-${card.id}`} className="mb-4 rounded-lg border border-slate-300 bg-white p-3">
      <H id={`card-${card.id}`} className="mb-1 text-lg font-semibold">
        {showName ? card.studentName : "Ratings"}
      </H>
      {showName ? (
        <p className="mb-1">
          <Link href={`/behavior/cards/${card.id}`} className="text-blue-800 underline">
            Open the card<span className="sr-only"> of {card.studentName}</span>
          </Link>
        </p>
      ) : null}
      <p className="mb-2 text-slate-700" aria-live="polite">
        {card.absent
          ? "Absent: the day is not counted."
          : card.percent === null
            ? `No periods rated yet. Daily goal ${card.goalPercent}%.`
            : `So far: ${card.percent}% (${card.points} of ${card.possible} points; goal ${card.goalPercent}%).`}
      </p>
      <DayMarks card={card} day={day} />
      {card.absent ? null : (
        <div className="flex flex-col gap-2">
          {card.periods.map((p, i) => (
            <PeriodForm key={p} card={card} day={day} period={p} index={i} open={p === firstOpen} />
          ))}
        </div>
      )}
    </section>
  );
}
