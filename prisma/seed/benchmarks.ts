// Oral reading fluency benchmarks for the demo district, from published norms
// (words correct per minute on grade-level passages, per grade and season):
//   benchmark = the 50th percentile, risk cut = the 25th percentile of
//   - grades 1-6: Hasbrouck & Tindal (2017), "An update to compiled ORF norms"
//     (Behavioral Research and Teaching, University of Oregon, Technical Report 1702);
//   - grades 7-8: Hasbrouck & Tindal (2006), "Oral reading fluency norms: a valuable
//     assessment tool for reading teachers", The Reading Teacher 59(7), as the
//     2017 update stops at grade 6.
// The norms have no fall score for grade 1: oral reading fluency is first measured in its winter.
// No maze benchmarks: the published maze cut scores we know (DIBELS 8, Acadience
// Daze) are for an adjusted score (correct minus half the incorrect), not the
// correct responses this measure counts.
import type { Season } from "@/domain/benchmarks";
import type { Tx } from "@/server/db/tenant";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import type { GradeLevel } from "@/server/students/schemas";

type Norms = Partial<Record<Season, readonly [benchmark: number, riskCut: number]>>;

export const ORF_BENCHMARKS: Readonly<Partial<Record<GradeLevel, Norms>>> = {
  G1: { WINTER: [29, 16], SPRING: [60, 34] },
  G2: { FALL: [50, 36], WINTER: [84, 59], SPRING: [100, 72] },
  G3: { FALL: [83, 59], WINTER: [97, 79], SPRING: [112, 91] },
  G4: { FALL: [94, 75], WINTER: [120, 95], SPRING: [133, 105] },
  G5: { FALL: [121, 87], WINTER: [133, 109], SPRING: [146, 119] },
  G6: { FALL: [132, 112], WINTER: [145, 116], SPRING: [146, 122] },
  G7: { FALL: [128, 102], WINTER: [136, 109], SPRING: [150, 123] },
  G8: { FALL: [133, 106], WINTER: [146, 115], SPRING: [151, 124] },
};

/**
 * Gives the district its ORF benchmarks unless it has some already (an
 * administrator's edits are kept). Adds the default measures it lacks first, so
 * it does not depend on what seeded them. Returns how many benchmarks it wrote.
 */
export async function seedBenchmarks(tx: Tx, districtId: string): Promise<number> {
  await ensureDefaultMeasures(tx, districtId);
  const orf = await tx.measure.findUniqueOrThrow({ where: { districtId_key: { districtId, key: "orf_wcpm" } }, select: { id: true } });
  if ((await tx.benchmark.count({ where: { districtId, measureId: orf.id } })) > 0) return 0;
  const rows = Object.entries(ORF_BENCHMARKS).flatMap(([grade, norms]) =>
    Object.entries(norms).map(([season, [benchmark, riskCut]]) => ({
      districtId,
      measureId: orf.id,
      grade: grade as GradeLevel,
      season: season as Season,
      benchmark,
      riskCut,
    })),
  );
  return (await tx.benchmark.createMany({ data: rows })).count;
}
