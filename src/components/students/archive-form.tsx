"use client";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { setStudentArchived } from "@/server/students/actions";

/** Archives a student (kept with all history, hidden from the list by default), or restores an archived one. */
export function ArchiveForm({ studentId, archived }: { studentId: string; archived: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(setStudentArchived, null);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <input type="hidden" name="archived" value={archived ? "no" : "yes"} />
      <p className="mb-2 text-sm text-slate-700">
        {archived
          ? "Restoring puts the student back in the student list."
          : "Archiving hides the student from the student list (you can still show archived students). Nothing is deleted."}
      </p>
      <SubmitButton variant="secondary">{archived ? "Restore student" : "Archive student"}</SubmitButton>
    </form>
  );
}
