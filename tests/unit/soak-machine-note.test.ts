// scripts/soak.mjs: the report's note on the machine follows the measured load
// average (before and during the run), not a fixed sentence.
import { describe, expect, it } from "vitest";
// @ts-expect-error a plain .mjs script without type declarations
import { machineNote } from "../../scripts/soak.mjs";

describe("the soak's note on the machine", () => {
  it("calls a machine quiet when the load stayed within the soak's own work, and says what it saw", () => {
    const note: string = machineNote({ cores: 2, before: 0.4, during: [1.5, 2.2, 2.6] });
    expect(note).toContain("0.4 before the run, 2.1 on average and 2.6 at the most during it (3 samples), on 2 cores");
    expect(note).toMatch(/otherwise quiet/);
    expect(note).not.toMatch(/busy|shared/);
  });

  it("calls it busy when other work loaded it before the run", () => {
    const note: string = machineNote({ cores: 2, before: 3.1, during: [2.5, 2.8] });
    expect(note).toMatch(/busy with other work \(3\.1 before the run is other work/);
    expect(note).toMatch(/pessimistic/);
  });

  it("calls it busy when the load during the run was well beyond what the soak makes", () => {
    const note: string = machineNote({ cores: 2, before: 0.2, during: [4, 5, 6] });
    expect(note).toMatch(/5\.0 during it is more than the soak alone makes/);
  });

  it("falls back to the load before the run when no sample was taken (a run under 5 s)", () => {
    expect(machineNote({ cores: 4, before: 1, during: [] })).toContain("1.0 on average and 1.0 at the most during it (1 sample)");
  });
});
