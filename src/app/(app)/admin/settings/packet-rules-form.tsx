"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { PACKET_RULE_BOUNDS, type PacketRules } from "@/domain/iep504/readiness";
import { savePacketRules } from "@/server/settings/actions";
import { PACKET_RULE_TEXT } from "@/server/settings/schemas";

/** The referral packet's readiness checklist: what the record must show before a team calls the packet final. */
export function PacketRulesForm({ rules }: { rules: PacketRules }) {
  const [state, action] = useActionState<ActionState, FormData>(savePacketRules, null);
  const key = useResultKey(state);
  const numberField = (name: keyof typeof PACKET_RULE_BOUNDS) => {
    const { min, max } = PACKET_RULE_BOUNDS[name];
    return (
      <TextField
        id={`packet-${name}`}
        label={PACKET_RULE_TEXT[name].label}
        name={name}
        inputMode="numeric"
        required
        hint={`${PACKET_RULE_TEXT[name].hint} From ${min} to ${max}.`}
        defaultValue={valueOf(state, name) ?? String(rules[name])}
        errors={errorsFor(state, name)}
      />
    );
  };
  // After a failed save the box shows what was sent (a ticked box sends "on", an empty one nothing).
  const guardians = state && !state.ok ? valueOf(state, "requireGuardiansInformed") === "on" : rules.requireGuardiansInformed;
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      {numberField("minInterventions")}
      {numberField("minDataPoints")}
      {numberField("minFidelity")}
      <div className="mb-4">
        <label className="flex items-start gap-2">
          <input type="checkbox" name="requireGuardiansInformed" defaultChecked={guardians} aria-describedby="packet-guardians-hint" className="mt-1 h-4 w-4" />
          <span className="font-medium text-slate-900">{PACKET_RULE_TEXT.requireGuardiansInformed.label}</span>
        </label>
        <p id="packet-guardians-hint" className="ml-6 text-sm text-slate-700">
          {PACKET_RULE_TEXT.requireGuardiansInformed.hint}
        </p>
      </div>
      <SubmitButton>Save checklist</SubmitButton>
    </form>
  );
}
