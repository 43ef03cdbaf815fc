// For integration files whose point is the demo data (most tables holding rows
// of both demo districts): call in beforeAll, before anything else touches the
// database. Replaces the file's empty database with a clone of the run's
// seeded demo template (demo-template.ts), so the demo is seeded once per run
// instead of once per file. The clone is the file's own: it may write freely.
import { openFileDb } from "./file-db";

export async function useDemoDatabase(): Promise<void> {
  await openFileDb("demo");
}
