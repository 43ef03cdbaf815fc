import Link from "next/link";

/** The link to a goal's progress graph; screen readers hear which goal (a page may list several). */
export function GoalGraphLink({ goal }: { goal: { id: string; sentence: string } }) {
  return (
    <Link href={`/goals/${goal.id}`} className="text-blue-800 underline">
      Progress graph<span className="sr-only"> of the goal: {goal.sentence}</span>
    </Link>
  );
}
