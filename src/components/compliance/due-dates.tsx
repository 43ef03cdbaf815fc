"use client";

import Link from "next/link";
import { formatDay } from "@/components/students/format";
import { recordHref } from "@/server/students/record-sections";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { DUE_KIND_LABEL } from "@/domain/iep504/compliance";
import { dueWords } from "@/domain/iep504/dates";
import type { ComplianceItem } from "@/server/compliance/queries";

const PLAN_TYPE_LABEL = { IEP: "IEP", SECTION_504: "504 plan" } as const;

/** "Annual review (IEP)", "Evaluation (referral)". */
const whatOf = (i: ComplianceItem) => (i.planType ? `${DUE_KIND_LABEL[i.kind]} (${PLAN_TYPE_LABEL[i.planType]})` : DUE_KIND_LABEL[i.kind]);
/** The student's IEP/504 section, or the referral section, of their profile. */
const hrefOf = (i: ComplianceItem) => recordHref(i.studentId, i.kind === "EVALUATION" ? "referrals" : "iep504");

function When({ item, today }: { item: ComplianceItem; today: string }) {
  const words = dueWords(item.due, today);
  return (
    <>
      <span className={item.daysLeft < 0 ? "font-semibold text-red-800" : item.daysLeft <= 14 ? "font-semibold text-amber-900" : undefined}>{words}</span>
      {item.lastSchoolDay ? <span className="block text-sm text-slate-700">Not a school day: last school day before it {formatDay(item.lastSchoolDay)}</span> : null}
    </>
  );
}

/**
 * One page of the calendar's dates: stacked cards on a phone, a table above
 * the `md` breakpoint. A client component only so that the page's payload
 * carries the page's rows once, as data, instead of both renderings'
 * elements (decision 008); it renders on the server like any page content,
 * works without JavaScript, and computes nothing.
 */
export function DueDates({ items, today, where }: { items: readonly ComplianceItem[]; today: string; where: string }) {
  return (
    <>
      <ol aria-label="Due dates" className="space-y-3 md:hidden">
        {items.map((i) => (
          <li key={`${i.kind}-${i.itemId}`} className={`rounded-lg border bg-white p-3 ${i.daysLeft < 0 ? "border-red-700" : "border-slate-300"}`}>
            <p className="font-semibold">
              <Link href={hrefOf(i)} className="text-blue-800 underline">
                {i.studentName}
              </Link>
            </p>
            <p>
              {whatOf(i)}: <time dateTime={i.due}>{formatDay(i.due)}</time>
            </p>
            <p>
              <When item={i} today={today} />
            </p>
            <p className="text-sm text-slate-700">
              {i.schoolName} · Case manager: {i.caseManager ?? "none named"}
            </p>
          </li>
        ))}
      </ol>
      <div className="hidden md:block">
        <DataTable caption={`Due dates for ${where}, soonest first`} className="text-sm" columns={["Student", "What", "Due", "When", "School", "Case manager"]}>
          {items.map((i) => (
            <Tr key={`${i.kind}-${i.itemId}`} className={i.daysLeft < 0 ? "bg-red-50" : undefined}>
              <th scope="row" className="p-2 text-left font-normal">
                <Link href={hrefOf(i)} className="text-blue-800 underline">
                  {i.studentName}
                </Link>
                <span className="block text-slate-700">{i.localId}</span>
              </th>
              <Td>{whatOf(i)}</Td>
              <Td className="whitespace-nowrap">
                <time dateTime={i.due}>{formatDay(i.due)}</time>
              </Td>
              <Td>
                <When item={i} today={today} />
              </Td>
              <Td>{i.schoolName}</Td>
              <Td>{i.caseManager ?? "None named"}</Td>
            </Tr>
          ))}
        </DataTable>
      </div>
    </>
  );
}
