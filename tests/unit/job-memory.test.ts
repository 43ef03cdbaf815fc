// The background jobs' memory policy (src/server/jobs/memory.ts, decision
// 056): with gc exposed, a full collection at each phase boundary and an
// asynchronous one every 50,000 rows sent in large statements; without it,
// nothing (tests, scripts).
import { afterEach, describe, expect, it, vi } from "vitest";

const holder = globalThis as { gc?: unknown };

async function load(gc: ((...args: unknown[]) => unknown) | undefined) {
  vi.resetModules();
  holder.gc = gc;
  return import("@/server/jobs/memory");
}

afterEach(() => {
  delete holder.gc;
});

describe("job memory", () => {
  it("collects synchronously (plain gc(), the only form Node 20 runs at once) at a phase boundary", async () => {
    const gc = vi.fn();
    const { releaseMemory } = await load(gc);
    releaseMemory();
    expect(gc).toHaveBeenCalledTimes(1);
    expect(gc).toHaveBeenCalledWith();
  });

  it("asks for an asynchronous collection once every 50,000 rows of large statements", async () => {
    const gc = vi.fn();
    const { afterLargeStatement } = await load(gc);
    afterLargeStatement(20_000);
    afterLargeStatement(20_000);
    expect(gc).not.toHaveBeenCalled();
    afterLargeStatement(10_000);
    expect(gc).toHaveBeenCalledTimes(1);
    expect(gc).toHaveBeenCalledWith({ type: "major", execution: "async" });
    // The count starts again after a collection.
    for (let i = 0; i < 49; i++) afterLargeStatement(1_000);
    expect(gc).toHaveBeenCalledTimes(1);
    afterLargeStatement(1_000);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("does nothing where the process does not expose gc", async () => {
    const { afterLargeStatement, releaseMemory } = await load(undefined);
    expect(() => {
      releaseMemory();
      afterLargeStatement(100_000);
    }).not.toThrow();
  });
});
