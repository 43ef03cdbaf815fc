"use client";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { recordFamilyReportPrint } from "@/server/family-report/actions";

/**
 * Prints the family report and records it as a disclosure. The browser's own
 * print command (Ctrl+P) on this page is recorded too (the beforeprint
 * event); the Print button's print is recorded once, not twice.
 */
export function PrintButton({ planId, studentId, guardianId }: { planId: string; studentId: string; guardianId: string | null }) {
  const [problem, setProblem] = useState<string | null>(null);
  const fromButton = useRef(false);
  const record = useRef<() => void>(() => {});
  useEffect(() => {
    const target = { unverifiedPlanId: planId, unverifiedStudentId: studentId, ...(guardianId ? { unverifiedGuardianId: guardianId } : {}) };
    record.current = () => void recordFamilyReportPrint(target).then((r) => setProblem(r.ok ? null : r.error.message));
    const onBeforePrint = () => {
      if (fromButton.current) fromButton.current = false;
      else record.current();
    };
    window.addEventListener("beforeprint", onBeforePrint);
    return () => window.removeEventListener("beforeprint", onBeforePrint);
  }, [planId, studentId, guardianId]);
  return (
    <>
      <button
        type="button"
        className={buttonClass("secondary")}
        onClick={() => {
          record.current();
          fromButton.current = true;
          window.print();
        }}
      >
        Print
      </button>
      {problem ? (
        <p role="alert" className="text-sm text-red-800">
          {problem}
        </p>
      ) : null}
    </>
  );
}
