/** A family report's URL, for the chosen guardian (ids only: no names in URLs, decision 005). */
export const familyReportHref = (planId: string, studentId: string, guardianId?: string | null, pdf = false) =>
  `/plans/${planId}/family-report/${studentId}${pdf ? "/report.pdf" : ""}${guardianId ? `?guardian=${guardianId}` : ""}`;
