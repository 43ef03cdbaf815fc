import { Disclosure } from "@/components/ui/disclosure";
import { getContext } from "@/server/auth/session";
import { getStudentGuardianContacts } from "@/server/guardian-contacts/queries";
import { GuardianContactList } from "./contact-list";
import { LogContactForm } from "./log-contact-form";

/**
 * The record's "Contacts with the family" section: self-loading (decision
 * 013), under guardianContact.view with its own audit; null for anyone else.
 */
export async function GuardianContactsSectionBody({ studentId, today }: { studentId: string; today: string }) {
  const data = await getStudentGuardianContacts(await getContext(), studentId);
  if (!data) return null;
  return (
    <>
      <GuardianContactList contacts={data.contacts} />
      {data.mayLog ? (
        data.guardians.length ? (
          <Disclosure label="Add a contact">
            <LogContactForm studentId={data.studentId} today={today} guardians={data.guardians.map((g) => ({ value: g.id, label: `${g.name} (${g.relationship})${g.preferredLanguage ? `, ${g.preferredLanguage}` : ""}` }))} />
          </Disclosure>
        ) : (
          <p className="mt-3">No guardian is listed for this student: a guardian is added on the student&apos;s edit page, then contacts with them can be logged here.</p>
        )
      ) : null}
    </>
  );
}
