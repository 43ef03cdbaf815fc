import type { Metadata } from "next";
import { DayPicker } from "@/components/cico/day-picker";
import { RatingCard } from "@/components/cico/rating-card";
import { formatDay } from "@/components/students/format";
import { FilterNotice } from "@/components/ui/filter-notice";
import { getContext } from "@/server/auth/session";
import { getRatingScreen } from "@/server/cico/queries";

export const metadata: Metadata = { title: "Daily report cards" };

export default async function CardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const screen = await getRatingScreen(ctx, await searchParams);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Daily report cards</h1>
      <p className="mb-3 text-slate-700">
        {screen.day === screen.today ? "Today" : formatDay(screen.day)}: rate each period as it ends. Leave a period the student missed unrated: it does not count against them.
      </p>
      <FilterNotice notUnderstood={screen.notUnderstood} showing="today's cards" />
      <DayPicker action="/behavior/cards" day={screen.day} today={screen.today} earliest={screen.earliest} />
      <p role="status" className="mb-3">
        {screen.cards.length === 0 ? "You have no daily report cards to rate on this day. Cards are rated by the staff who deliver the student's behaviour plan." : `${screen.cards.length} ${screen.cards.length === 1 ? "card" : "cards"} to rate.`}
      </p>
      {screen.cards.map((card) => (
        <RatingCard key={card.id} card={card} day={screen.day} />
      ))}
    </>
  );
}
