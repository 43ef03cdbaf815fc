import type { Metadata } from "next";
import Link from "next/link";
import { Section } from "@/components/ui/section";
import { getContext } from "@/server/auth/session";
import { getDeletionOverview } from "@/server/district-deletion/queries";
import { CancelDeletionForm, ConfirmDeletionForm, RequestDeletionForm } from "./leave-forms";

export const metadata: Metadata = { title: "Leave the app" };

/** A moment shown in the district's time zone, with the zone's name (the deletion runs at an exact time). */
function when(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(date);
}

export default async function LeavePage() {
  const ctx = await getContext();
  const o = await getDeletionOverview(ctx);
  const r = o.request;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Leave the app</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        When {ctx.districtName} stops using the app, an administrator can have every record of the district deleted: students, plans, sessions, probes, behaviour
        records, staff memberships and the audit log. First{" "}
        <Link className="text-blue-800 underline" href="/admin/export">
          download the whole district
        </Link>{" "}
        so the district keeps a copy. A second administrator must confirm; the deletion then runs after {o.graceDays} days, and any administrator can cancel it
        until then. Afterwards a certificate of deletion (which tables, how many rows, when, who asked and who confirmed) is kept by the people who run the app.
      </p>
      <Section id="export-heading" title="The export comes first">
        <p className="max-w-3xl">
          A deletion can be requested only within {o.exportFreshDays} days of a whole-district export.{" "}
          {o.lastExportAt ? (
            <>
              The latest was downloaded on {when(o.lastExportAt, ctx.timeZone)}
              {o.exportFresh ? "." : `: more than ${o.exportFreshDays} days ago, so download it again before requesting.`}
            </>
          ) : (
            "The district has not been exported yet."
          )}
        </p>
      </Section>
      <Section id="state-heading" title="Deletion">
        <div role="status" className="max-w-3xl">
          {o.stage === "none" ? <p className="mb-3">No deletion is requested. The district&apos;s data stays.</p> : null}
          {r && o.stage === "awaiting-confirmation" ? (
            <p className="mb-3">
              <strong>Requested by {r.requestedBy}</strong> on {when(r.requestedAt, ctx.timeZone)}. It waits for another administrator to confirm; nothing is
              scheduled until then.
            </p>
          ) : null}
          {r && r.runAfter && (o.stage === "scheduled" || o.stage === "due") ? (
            <p className="mb-3">
              <strong>
                The district will be deleted on {when(r.runAfter, ctx.timeZone)}
                {o.stage === "due" ? " (the grace period has ended: it runs within minutes)" : ""}.
              </strong>{" "}
              Requested by {r.requestedBy} on {when(r.requestedAt, ctx.timeZone)}, confirmed by {r.confirmedBy} on {r.confirmedAt ? when(r.confirmedAt, ctx.timeZone) : ""}.
            </p>
          ) : null}
        </div>
        {o.stage === "none" ? (
          o.exportFresh ? (
            <RequestDeletionForm graceDays={o.graceDays} />
          ) : (
            <p className="max-w-3xl text-slate-700">The request becomes available here once the district has been exported.</p>
          )
        ) : null}
        {r && o.stage === "awaiting-confirmation" ? (
          <div className="flex flex-wrap gap-3">
            {r.mine ? <p className="w-full text-slate-700">You asked for it, so another administrator must confirm it.</p> : <ConfirmDeletionForm />}
            <CancelDeletionForm />
          </div>
        ) : null}
        {o.stage === "scheduled" || o.stage === "due" ? <CancelDeletionForm /> : null}
      </Section>
      <Section id="accounts-heading" title="Staff accounts">
        <p className="max-w-3xl">
          A person whose only district is this one loses their account with it. A person who also works in another district keeps their account and that
          district; only their membership here goes.
        </p>
      </Section>
    </>
  );
}
