"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { RadioGroup, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { RULE_PRECEDENCES, SETTING_BOUNDS, TREND_METHODS, type DistrictSettings } from "@/domain/settings";
import { updateDistrictSettings } from "@/server/settings/actions";
import { RULE_PRECEDENCE_TEXT, SETTING_TEXT, TREND_METHOD_TEXT } from "@/server/settings/schemas";

const TREND_OPTIONS = TREND_METHODS.map((value) => ({ value, ...TREND_METHOD_TEXT[value] }));
const PRECEDENCE_OPTIONS = RULE_PRECEDENCES.map((value) => ({ value, ...RULE_PRECEDENCE_TEXT[value] }));

export function SettingsForm({ settings, version }: { settings: DistrictSettings; version: string }) {
  const [state, action] = useActionState<ActionState, FormData>(updateDistrictSettings, null);
  const key = useResultKey(state);
  const numberField = (name: keyof typeof SETTING_BOUNDS) => {
    const { min, max } = SETTING_BOUNDS[name];
    return (
      <TextField
        label={SETTING_TEXT[name].label}
        name={name}
        inputMode="numeric"
        required
        hint={`${SETTING_TEXT[name].hint} From ${min} to ${max}.`}
        defaultValue={valueOf(state, name) ?? String(settings[name])}
        errors={errorsFor(state, name)}
      />
    );
  };
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={version} />
      <fieldset className="mb-2">
        <legend className="mb-2 text-lg font-semibold">Dosage and fidelity flags</legend>
        {numberField("dosageThreshold")}
        {numberField("fidelityThreshold")}
      </fieldset>
      <fieldset className="mb-2">
        <legend className="mb-2 text-lg font-semibold">Decision rules</legend>
        {numberField("fourPointRulePoints")}
        {numberField("trendMinPoints")}
        <RadioGroup
          label={SETTING_TEXT.trendMethod.label}
          name="trendMethod"
          required
          options={TREND_OPTIONS}
          hint={SETTING_TEXT.trendMethod.hint}
          defaultValue={valueOf(state, "trendMethod") ?? settings.trendMethod}
          errors={errorsFor(state, "trendMethod")}
        />
        <RadioGroup
          label={SETTING_TEXT.rulePrecedence.label}
          name="rulePrecedence"
          required
          options={PRECEDENCE_OPTIONS}
          hint={SETTING_TEXT.rulePrecedence.hint}
          defaultValue={valueOf(state, "rulePrecedence") ?? settings.rulePrecedence}
          errors={errorsFor(state, "rulePrecedence")}
        />
      </fieldset>
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}
