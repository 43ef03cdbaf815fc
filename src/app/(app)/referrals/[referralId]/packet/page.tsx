import type { Metadata } from "next";
import { PacketPage } from "@/components/referrals/packet-page";
import { getContext } from "@/server/auth/session";
import { getReferralPacket } from "@/server/referrals/packet";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Referral packet" };

/** The referral packet, assembled from the record: printable (Ctrl+P) and downloadable as a PDF. */
export default async function ReferralPacketPage({ params }: { params: Promise<{ referralId: string }> }) {
  const ctx = await getContext();
  const packet = await getReferralPacket(ctx, (await params).referralId, "view");
  return <PacketPage packet={packet} timeZone={ctx.timeZone} />;
}
