import type { Metadata } from "next";
import { ComplianceCalendarView } from "@/components/compliance/compliance-calendar";
import { getContext } from "@/server/auth/session";
import { getComplianceCalendar } from "@/server/compliance/queries";

export const metadata: Metadata = { title: "Compliance calendar" };

export default async function CompliancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const calendar = await getComplianceCalendar(ctx, await searchParams);
  const school = calendar.query.school ? calendar.schools.find((s) => s.id === calendar.query.school) : undefined;
  const where = calendar.ok && calendar.ownOnly ? "the students you are case manager of" : school ? school.name : ctx.role === "ADMIN" || ctx.schoolIds.length === 0 ? "the district" : "your schools";
  return <ComplianceCalendarView calendar={calendar} where={where} />;
}
