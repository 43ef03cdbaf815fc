// One upload (the members of a zip, or files uploaded one by one) read into a
// roster set: the manifest first, then every data file streamed row by row.

import { RosterCollector, type DataFile, type EnrollmentSink, type RosterSet } from "./collect";
import { readCsvBatches } from "./csv";
import type { Findings } from "./findings";
import { canonicalFileName, USED_FILES, type UsedFile } from "./spec";

export interface Member {
  /** The name as uploaded (a zip member may sit in a folder: "export/users.csv"). */
  name: string;
  open(): AsyncIterable<Uint8Array>;
}

/** The order files are read in: each only needs those before it (roles after users). */
const ORDER: readonly UsedFile[] = ["manifest", "orgs", "academicSessions", "courses", "classes", "users", "roles", "demographics", "enrollments"];

/** Passes the batches of rows on, telling `onRows` how many (a background job's progress bar). */
async function* counted<T>(batches: AsyncIterable<T[]>, name: string, onRows?: (file: string, rows: number) => void): AsyncGenerator<T[]> {
  for await (const batch of batches) {
    onRows?.(name, batch.length);
    yield batch;
  }
}

export async function readRoster(members: Member[], findings: Findings, onRows?: (file: string, rows: number) => void, enrollmentSink?: EnrollmentSink): Promise<RosterSet> {
  const collector = new RosterCollector(findings, enrollmentSink);
  const byFile = new Map<UsedFile, Member>();
  for (const m of members) {
    const canonical = canonicalFileName(m.name);
    if (!canonical) {
      findings.warning(m.name, null, null, null, "Not a file of a OneRoster CSV export; it was ignored.");
      continue;
    }
    if (!(USED_FILES as readonly string[]).includes(canonical)) {
      findings.warning(m.name, null, null, null, "The app does not use this OneRoster file; it was ignored.");
      continue;
    }
    const used = canonical as UsedFile;
    const earlier = byFile.get(used);
    if (earlier) {
      findings.error(m.name, null, null, null, `The upload holds ${used}.csv twice (also as "${earlier.name}").`);
      continue;
    }
    byFile.set(used, m);
  }
  const uploaded = new Map<DataFile, string>();
  for (const file of ORDER) {
    const member = byFile.get(file);
    if (!member) continue;
    if (file === "manifest") {
      await collector.readManifest(member.name, readCsvBatches(member.open(), member.name, findings));
      continue;
    }
    uploaded.set(file, member.name);
    if (!collector.wants(file)) continue;
    const state = { failed: false };
    await collector.readFile(file, member.name, counted(readCsvBatches(member.open(), member.name, findings, state), `${file}.csv`, onRows));
    if (state.failed) collector.set.broken.add(file);
  }
  collector.checkManifest(uploaded);
  collector.finish();
  return collector.set;
}
