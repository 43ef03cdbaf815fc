import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { chooseDistrictAction } from "@/server/auth/actions";
import { getSessionState, pendingStepPath } from "@/server/auth/session";

export const metadata: Metadata = { title: "Choose a district" };

export default async function ChooseDistrictPage() {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status === "invited") redirect("/invitations");
  if (state.status === "change-password") redirect("/change-password");
  if (state.status === "second-factor" || state.status === "enrol-two-factor") redirect(pendingStepPath(state)!);
  const districts = state.status === "ready" ? state.ctx.districts : state.districts;
  const current = state.status === "ready" ? state.ctx.districtId : undefined;
  return (
    <main id="main" className="mx-auto mt-16 max-w-md rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
      <h1 className="mb-1 text-2xl font-semibold">Choose a district</h1>
      <p className="mb-6 text-slate-700">You work in more than one district. Which one do you want to work in now?</p>
      <ul className="space-y-3">
        {districts.map((d) => (
          <li key={d.id}>
            <form action={chooseDistrictAction}>
              <input type="hidden" name="districtId" value={d.id} />
              <button type="submit" className={`${buttonClass(d.id === current ? "primary" : "secondary")} w-full justify-center`}>
                {d.name}
                {d.id === current ? " (current)" : ""}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </main>
  );
}
