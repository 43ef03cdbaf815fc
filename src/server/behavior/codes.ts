import "server-only";
import { BEHAVIOR_CODE_KINDS, DEFAULT_BEHAVIOR_CODES, EDFI_DESCRIPTOR_OF_KIND, type BehaviorCodeKind, type BehaviorSeverity } from "@/domain/behavior-codes";
import type { Tx } from "@/server/db/tenant";
import { Prisma } from "@/generated/prisma/client";

/**
 * Adds the default codes (src/domain/behavior-codes.ts) a district lacks, by
 * key, leaving its own edits alone; returns how many it wrote. Used by the
 * administrator's "add the default codes" and by the demo seed.
 */
export async function installDefaultCodes(tx: Tx, districtId: string): Promise<number> {
  const { count } = await tx.behaviorCode.createMany({
    data: DEFAULT_BEHAVIOR_CODES.map((c, i) => ({
      districtId,
      kind: c.kind,
      code: c.code,
      label: c.label,
      severity: c.severity,
      edfiDescriptor: c.edfiCodeValue ? EDFI_DESCRIPTOR_OF_KIND[c.kind] : null,
      edfiCodeValue: c.edfiCodeValue,
      sortOrder: (i + 1) * 10,
    })),
    skipDuplicates: true,
  });
  return count;
}

export interface BehaviorCodeView {
  id: string;
  kind: BehaviorCodeKind;
  code: string;
  label: string;
  severity: BehaviorSeverity | null;
  edfiDescriptor: string | null;
  edfiCodeValue: string | null;
  version: number;
  retired: boolean;
}

/** A district's codes (retired ones too unless `activeOnly`), by kind in list order. One query. */
export async function codesOf(tx: Tx, districtId: string, { activeOnly = false } = {}): Promise<Record<BehaviorCodeKind, BehaviorCodeView[]>> {
  // Plain SQL: every incident list and the student record's behaviour view read the codes (decision 050).
  const rows = await tx.$queryRaw<(Omit<BehaviorCodeView, "retired"> & { retired: boolean })[]>`
    SELECT "id"::text AS "id", "kind"::text AS "kind", "code", "label", "severity"::text AS "severity", "edfiDescriptor", "edfiCodeValue", "version",
           "retiredAt" IS NOT NULL AS "retired"
    FROM "BehaviorCode"
    WHERE "districtId" = ${districtId}::uuid ${activeOnly ? Prisma.sql`AND "retiredAt" IS NULL` : Prisma.empty}
    ORDER BY "kind", "sortOrder", "label"`;
  const out = Object.fromEntries(BEHAVIOR_CODE_KINDS.map((k) => [k, [] as BehaviorCodeView[]])) as Record<BehaviorCodeKind, BehaviorCodeView[]>;
  for (const r of rows) {
    out[r.kind].push({ id: r.id, kind: r.kind, code: r.code, label: r.label, severity: r.severity, edfiDescriptor: r.edfiDescriptor, edfiCodeValue: r.edfiCodeValue, version: r.version, retired: r.retired });
  }
  return out;
}
