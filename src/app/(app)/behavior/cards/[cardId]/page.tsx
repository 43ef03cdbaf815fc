import type { Metadata } from "next";
import { CardPageView } from "@/components/cico/card-page";
import { FilterNotice } from "@/components/ui/filter-notice";
import { getContext } from "@/server/auth/session";
import { getCardPage } from "@/server/cico/queries";

export const metadata: Metadata = { title: "Daily report card" };

export default async function CardPage({ params, searchParams }: { params: Promise<{ cardId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { cardId } = await params;
  const sp = await searchParams;
  const card = await getCardPage(ctx, cardId, sp);
  // The FilterNotice is made here, in the page, so the page's tree names what it reports (tests/integration/hostile-input.test.ts).
  return <CardPageView card={card} started={sp.started === "1"} notice={<FilterNotice notUnderstood={card.notUnderstood} showing="today" />} />;
}
