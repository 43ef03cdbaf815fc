import type { Metadata } from "next";
import { GoalForm } from "@/components/goals/goal-form";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getGoalEditPage } from "@/server/plans/queries";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Edit goal" };

export default async function EditGoalPage({ params }: { params: Promise<{ goalId: string }> }) {
  const ctx = await getContext();
  const { plan, goal, measures } = await getGoalEditPage(ctx, (await params).goalId);
  return (
    <FormPage back={{ href: `/plans/${plan.id}`, label: "Back to the plan" }} title="Edit goal" subtitle={`${plan.title}: ${goal.sentence}`} wide>
      <GoalForm plan={plan} measures={measures} goal={goal} startOpen />
    </FormPage>
  );
}
