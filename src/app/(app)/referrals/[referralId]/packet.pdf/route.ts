import { renderToBuffer } from "@react-pdf/renderer";
import { PacketPdf } from "@/server/pdf/referral-packet";
import { getContext } from "@/server/auth/session";
import { getReferralPacket } from "@/server/referrals/packet";

/** The referral packet as a PDF, rendered on the server (an audited export; the same loader as the page). */
export async function GET(_request: Request, { params }: { params: Promise<{ referralId: string }> }) {
  const ctx = await getContext();
  const packet = await getReferralPacket(ctx, (await params).referralId, "export");
  // Called as a function (it has no hooks): renderToBuffer wants the <Document> element itself.
  const pdf = await renderToBuffer(PacketPdf({ packet, timeZone: ctx.timeZone }));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      // Named by the student's local id and the day, never by name.
      "content-disposition": `attachment; filename="referral-packet-${packet.student.localId.replace(/[^A-Za-z0-9_-]/g, "")}-${packet.today}.pdf"`,
      "cache-control": "no-store",
    },
  });
}
