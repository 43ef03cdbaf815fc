"use client";
import { ToggleForm } from "@/components/ui/toggle-form";
import { setInterventionRetired } from "@/server/interventions/actions";

/** Retires an intervention (plans keep it, new plans cannot choose it), or restores a retired one. */
export function RetireForm({ interventionId, retired }: { interventionId: string; retired: boolean }) {
  return (
    <ToggleForm
      action={setInterventionRetired}
      fields={{ unverifiedInterventionId: interventionId, retired: retired ? "no" : "yes" }}
      note={retired ? "Restoring lets new plans choose it again." : "Retiring keeps it for the plans that use it, but new plans cannot choose it. Nothing is deleted."}
      label={retired ? "Restore intervention" : "Retire intervention"}
    />
  );
}
