import Link from "next/link";
import type { ReactNode } from "react";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Fact, Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import type { CardPage } from "@/server/cico/queries";
import { CardSetupForm, EndCardForm } from "./card-forms";
import { DayPicker } from "./day-picker";
import { RatingCard } from "./rating-card";
import { CicoRules } from "./rules";
import { recordHref } from "@/server/students/record-sections";

/**
 * A daily report card: the day's ratings (raters), the rules, the recent days, the setup.
 * notice: the page's FilterNotice for a `?day=` not understood, shown under the heading.
 */
export function CardPageView({ card, started, notice }: { card: CardPage; started: boolean; notice?: ReactNode }) {
  return (
    <>
      <BackLink href={recordHref(card.student.id, "behavior")}>Back to {card.student.name}</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">Daily report card: {card.student.name}</h1>
      <p className="mb-4 text-slate-700">
        {card.endedOn ? `Ended ${formatDay(card.endedOn)}` : `Since ${formatDay(card.startedOn)}`}. Daily goal {card.setup.goalPercent}% of the points.{" "}
        {card.goal ? (
          <Link href={`/goals/${card.goal.id}`} className="text-blue-800 underline">
            Goal graph ({card.goal.measure})
          </Link>
        ) : null}
      </p>
      {started ? (
        <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          Card started. Staff who deliver the plan find it on their daily report cards.
        </p>
      ) : null}
      {notice}
      {card.may.rate ? (
        <Section id="rate" title={card.day === card.today ? "Today" : formatDay(card.day)}>
          <DayPicker action={`/behavior/cards/${card.id}`} day={card.day} today={card.today} earliest={card.earliest} />
          <RatingCard card={card.dayCard} day={card.day} headingLevel={3} showName={false} />
        </Section>
      ) : null}
      <Section id="rules" title="What the days say">
        <CicoRules rules={card.rules} />
      </Section>
      <Section id="days" title="Recent days">
        {card.days.length ? (
          <DataTable caption="The card's recent days" columns={["Day", { label: "Points", numeric: true }, { label: "Percent", numeric: true }, "Goal", "Check-in", "Check-out"]}>
            {card.days.map((d) => (
              <Tr key={d.date}>
                <Td className="whitespace-nowrap">{formatDay(d.date)}</Td>
                <Td numeric>{d.absent ? "—" : d.possible ? `${d.points} of ${d.possible}` : "—"}</Td>
                <Td numeric>{d.absent ? "Absent" : d.percent === null ? "Not rated" : `${d.percent}%`}</Td>
                <Td>{d.percent === null ? "—" : d.percent >= card.setup.goalPercent ? "Met" : "Below"}</Td>
                <Td>{d.absent ? "—" : d.checkedIn ? "Yes" : "No"}</Td>
                <Td>{d.absent ? "—" : d.checkedOut ? "Yes" : "No"}</Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p>No days recorded yet.</p>
        )}
      </Section>
      <Section id="setup" title="Setup">
        <dl className="mb-4">
          <Fact term="Expectations">{card.setup.expectations.join(", ")}</Fact>
          <Fact term="Periods">{card.setup.periods.join(", ")}</Fact>
          <Fact term="Rating scale">0 to {card.setup.scaleMax}</Fact>
          <Fact term="Daily goal">{card.setup.goalPercent}%</Fact>
          <Fact term="Plan">
            {card.plan ? (
              <Link href={`/plans/${card.plan.id}`} className="text-blue-800 underline">
                {card.plan.name}
              </Link>
            ) : (
              "—"
            )}
          </Fact>
        </dl>
        {card.may.manage ? (
          <details className="mb-4">
            <summary className="min-h-11 cursor-pointer py-2 font-medium text-blue-800 underline">Change the setup</summary>
            <p className="mb-2 text-sm text-slate-700">Days already rated keep their ratings and percentages.</p>
            <CardSetupForm cardId={card.id} version={card.version} setup={card.setup} />
          </details>
        ) : null}
        {card.may.manage ? <EndCardForm cardId={card.id} version={card.version} /> : null}
      </Section>
      {card.revisions.length ? (
        <Section id="corrections" title="Corrected ratings">
          <DataTable caption="Corrected ratings, newest first" columns={["Day", "Period", "Expectation", { label: "Was", numeric: true }, { label: "Now", numeric: true }]}>
            {card.revisions.map((r, i) => (
              <Tr key={i}>
                <Td className="whitespace-nowrap">{formatDay(r.date)}</Td>
                <Td>{r.period}</Td>
                <Td>{r.expectation}</Td>
                <Td numeric>{r.previousValue}</Td>
                <Td numeric>{r.value}</Td>
              </Tr>
            ))}
          </DataTable>
        </Section>
      ) : null}
    </>
  );
}
