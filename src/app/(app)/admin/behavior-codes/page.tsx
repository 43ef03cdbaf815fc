import type { Metadata } from "next";
import { CodeForm, InstallDefaultsForm, RetireCodeForm } from "@/components/behavior/code-forms";
import { Section } from "@/components/ui/section";
import { BEHAVIOR_CODE_KIND_LABEL, BEHAVIOR_CODE_KINDS, EDFI_DESCRIPTOR_OF_KIND, SEVERITY_LABEL } from "@/domain/behavior-codes";
import { getContext } from "@/server/auth/session";
import { getBehaviorCodesPage } from "@/server/behavior/queries";

export const metadata: Metadata = { title: "Behaviour codes" };

export default async function BehaviorCodesPage() {
  const ctx = await getContext();
  const codes = await getBehaviorCodesPage(ctx);
  const empty = BEHAVIOR_CODE_KINDS.every((k) => codes[k].length === 0);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Behaviour codes</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        The lists staff choose from when they record an incident in {ctx.districtName}. Each code keeps the Ed-Fi value it reports as. A retired code is no
        longer offered; incidents that use it keep it.
      </p>
      {empty ? (
        <>
          <p className="mb-2">Your district has no behaviour codes yet. Start from the defaults (drawn from the Ed-Fi discipline descriptors) and edit them.</p>
          <InstallDefaultsForm />
        </>
      ) : null}
      {BEHAVIOR_CODE_KINDS.map((kind) => {
        const descriptor = EDFI_DESCRIPTOR_OF_KIND[kind];
        return (
          <Section key={kind} id={`codes-${kind.toLowerCase()}`} title={BEHAVIOR_CODE_KIND_LABEL[kind]}>
            {descriptor ? null : <p className="mb-2 text-sm text-slate-700">Ed-Fi has no descriptor for these: they are not mapped.</p>}
            {codes[kind].length ? (
              <ul className="divide-y divide-slate-200">
                {codes[kind].map((c) => (
                  <li key={c.id} className={`py-3 ${c.retired ? "text-slate-700" : ""}`}>
                    <p className="font-medium">
                      {c.label}
                      {c.severity ? <span className="font-normal"> · {SEVERITY_LABEL[c.severity]}</span> : null}
                      {c.retired ? <span className="font-normal"> · Retired</span> : null}
                    </p>
                    {descriptor ? <p className="text-sm text-slate-700">Ed-Fi: {c.edfiCodeValue ?? "not mapped"}</p> : null}
                    {c.retired ? null : <CodeForm kind={kind} code={c} />}
                    <RetireCodeForm code={c} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-700">No codes on this list.</p>
            )}
            <CodeForm kind={kind} />
          </Section>
        );
      })}
    </>
  );
}
