import type { RuleResult } from "@/domain/cico";

const STATUS = { flag: "Needs the team", ok: "Fine", notEnough: "Not enough days yet" } as const;

/** The CICO rules on a card's days, each with its finding and, when it fires, what the team does. */
export function CicoRules({ rules }: { rules: readonly RuleResult[] }) {
  return (
    <ul className="flex flex-col gap-2">
      {rules.map((r) => (
        <li key={r.key} className={`rounded-md border p-2 ${r.status !== "flag" ? "border-slate-300" : r.key === "fade" ? "border-green-700 bg-green-50" : "border-amber-700 bg-amber-50"}`}>
          <p className="font-medium">
            {r.rule}: <span className="text-slate-900">{r.key === "fade" && r.status === "flag" ? "Ready to fade" : STATUS[r.status]}</span>
          </p>
          <p className="text-slate-800">{r.finding}</p>
          {r.action ? <p className="text-slate-900">{r.action}</p> : null}
        </li>
      ))}
    </ul>
  );
}
