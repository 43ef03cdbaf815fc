import type { Metadata } from "next";
import { ClassTable } from "@/components/classes/my-classes";
import { getContext } from "@/server/auth/session";
import { getMyClasses } from "@/server/classes/teacher";

export const metadata: Metadata = { title: "My classes" };

export default async function MyClassesPage() {
  const ctx = await getContext();
  const classes = await getMyClasses(ctx);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">My classes</h1>
      <p className="mb-3 max-w-3xl text-slate-700">The classes you teach, from the district&apos;s roster. Open a class for its students, their tiers and the accommodations to honour.</p>
      <ClassTable classes={classes} caption="Classes you teach" hrefOf={(id) => `/classes/${id}`} empty="You have no classes on the roster yet. Your district's roster import links you to your classes." />
    </>
  );
}
