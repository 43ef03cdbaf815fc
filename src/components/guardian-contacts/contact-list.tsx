import { formatDay } from "@/components/students/format";
import type { GuardianContactView } from "@/server/guardian-contacts/queries";
import { CONTACT_METHOD_PHRASE } from "@/server/guardian-contacts/schemas";

/** What was said with the family, newest first: the record's section, a meeting's turn, a referral. */
export function GuardianContactList({ contacts, empty = "No contact with the family logged yet." }: { contacts: GuardianContactView[]; empty?: string }) {
  if (!contacts.length) return <p className="text-slate-700">{empty}</p>;
  return (
    <ol className="space-y-3" aria-label="Contacts with the family, newest first">
      {contacts.map((c) => (
        <li key={c.id} className="rounded-md border border-slate-300 p-3">
          <p className="font-semibold">
            <time dateTime={c.contactedOn}>{formatDay(c.contactedOn)}</time>: {CONTACT_METHOD_PHRASE[c.method]} with {c.guardian} ({c.relationship})
            {c.interpreterUsed ? <span className="font-normal">, with an interpreter{c.interpreterLanguage ? ` (${c.interpreterLanguage})` : ""}</span> : null}
          </p>
          <p className="break-words">
            <span className="font-medium">Purpose:</span> {c.purpose}
          </p>
          <p className="break-words whitespace-pre-line">
            <span className="font-medium">Summary:</span> {c.summary}
          </p>
          {c.followUp ? (
            <p className="break-words">
              <span className="font-medium">Follow-up:</span> {c.followUp}
            </p>
          ) : null}
          <p className="text-sm text-slate-700">Logged by {c.loggedBy}</p>
        </li>
      ))}
    </ol>
  );
}
