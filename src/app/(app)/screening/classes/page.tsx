import type { Metadata } from "next";
import { ClassTable } from "@/components/classes/my-classes";
import { BackLink } from "@/components/ui/page";
import { scopeOf } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getScreeningClasses } from "@/server/screening/queries";

export const metadata: Metadata = { title: "Enter screening scores by class" };

export default async function ScreeningClassesPage() {
  const ctx = await getContext();
  const classes = await getScreeningClasses(ctx);
  const teaching = scopeOf(ctx.role, "screening.enterClass") === "caseload";
  return (
    <>
      {scopeOf(ctx.role, "screening.view") ? <BackLink href="/screening">Screening</BackLink> : <BackLink href="/classes">My classes</BackLink>}
      <h1 className="mb-2 text-2xl font-semibold">Enter screening scores by class</h1>
      <p className="mb-4 max-w-3xl text-slate-700">Choose a class: its students come in one grid, a column per screening measure.</p>
      <ClassTable
        classes={classes}
        caption={teaching ? "Classes you teach" : "Classes of your schools"}
        hrefOf={(id) => `/screening/classes/${id}`}
        empty={teaching ? "You have no classes on the roster yet." : "No classes yet. They come from a roster import."}
      />
    </>
  );
}
