"use client";
import { ToggleForm } from "@/components/ui/toggle-form";
import { setStudentArchived } from "@/server/students/actions";

/** Archives a student (kept with all history, hidden from the list by default), or restores an archived one. */
export function ArchiveForm({ studentId, archived }: { studentId: string; archived: boolean }) {
  return (
    <ToggleForm
      action={setStudentArchived}
      fields={{ unverifiedStudentId: studentId, archived: archived ? "no" : "yes" }}
      note={
        archived
          ? "Restoring puts the student back in the student list."
          : "Archiving hides the student from the student list (you can still show archived students). Nothing is deleted."
      }
      label={archived ? "Restore student" : "Archive student"}
    />
  );
}
