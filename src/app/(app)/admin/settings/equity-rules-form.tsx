"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EQUITY_RULE_BOUNDS, type DistrictEquityRules } from "@/domain/equity-rules";
import { saveEquityRules } from "@/server/settings/equity-actions";

/**
 * The equity dashboard's rules (decision 030): the risk-ratio threshold, the
 * minimum cell size and n-size, and which subgroups the district reports.
 * The subgroups come from the page (their list lives with the dashboards).
 */
export function EquityRulesForm({ rules, subgroups }: { rules: DistrictEquityRules; subgroups: readonly { value: string; label: string }[] }) {
  const [state, action] = useActionState<ActionState, FormData>(saveEquityRules, null);
  const key = useResultKey(state);
  const { threshold, minCell, minN } = EQUITY_RULE_BOUNDS;
  const shown = valuesOf(state, "shown") ?? subgroups.map((g) => g.value).filter((g) => !rules.hiddenSubgroups.includes(g));
  const shownErrors = errorsFor(state, "shown");
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <TextField
        id="equity-threshold"
        label="Risk ratio threshold"
        name="threshold"
        inputMode="decimal"
        required
        hint={`A subgroup whose risk ratio is at or above this is highlighted on the equity dashboard and the home page. From ${threshold.min.toFixed(1)} to ${threshold.max.toFixed(1)}; the federal default is 3.0.`}
        defaultValue={valueOf(state, "threshold") ?? rules.threshold.toFixed(1)}
        errors={errorsFor(state, "threshold")}
      />
      <TextField
        id="equity-minCell"
        label="Minimum cell size"
        name="minCell"
        inputMode="numeric"
        required
        hint={`A subgroup with fewer students, or with fewer students who had the outcome, shows only "fewer than" this number. From ${minCell.min} to ${minCell.max}; the default is 10.`}
        defaultValue={valueOf(state, "minCell") ?? String(rules.minCell)}
        errors={errorsFor(state, "minCell")}
      />
      <TextField
        id="equity-minN"
        label="Minimum n-size for a ratio"
        name="minN"
        inputMode="numeric"
        required
        hint={`A risk ratio is computed only when the subgroup and all other students each have at least this many. From ${minN.min} to ${minN.max}, and not below the cell size; the default is 30.`}
        defaultValue={valueOf(state, "minN") ?? String(rules.minN)}
        errors={errorsFor(state, "minN")}
      />
      <fieldset className="mb-4" aria-describedby={["equity-shown-hint", shownErrors ? "equity-shown-error" : null].filter(Boolean).join(" ")}>
        <legend className="font-medium text-slate-900">Subgroups reported</legend>
        <p id="equity-shown-hint" className="mb-2 text-sm text-slate-700">
          A subgroup left unticked gets no row; its students still count among &ldquo;all other students&rdquo;.
        </p>
        {shownErrors ? (
          <p id="equity-shown-error" className="mb-2 text-sm font-medium text-red-800">
            {shownErrors.join(" ")}
          </p>
        ) : null}
        <div className="grid gap-1 sm:grid-cols-2">
          {subgroups.map((g) => (
            <label key={g.value} className="flex items-start gap-2">
              <input type="checkbox" name="shown" value={g.value} defaultChecked={shown.includes(g.value)} className="mt-1 h-4 w-4" />
              <span>{g.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <SubmitButton>Save equity rules</SubmitButton>
    </form>
  );
}
