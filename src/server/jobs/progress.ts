import "server-only";
import { releaseMemory } from "./memory";
import type { FileProgress, JobProgress, ProgressReporter } from "./types";

// The running jobs' progress, in this process: handlers count every row, so
// counting must cost nothing; the runner saves a snapshot now and then.
const holder = globalThis as unknown as { __mtssJobProgress?: Map<string, JobProgress> };
const live = (holder.__mtssJobProgress ??= new Map());

export function liveProgress(jobId: string): JobProgress | undefined {
  return live.get(jobId);
}

export function forgetProgress(jobId: string): void {
  live.delete(jobId);
}

export function progressReporter(jobId: string): ProgressReporter {
  const state: JobProgress = { phase: "starting", files: [] };
  live.set(jobId, state);
  const file = (name: string): FileProgress => {
    let f = state.files.find((x) => x.name === name);
    if (!f) {
      f = { name, read: 0, written: 0, toWrite: null };
      state.files.push(f);
    }
    return f;
  };
  return {
    phase: (phase) => {
      // What the last phase held (a file's rows, a plan) is garbage now: see memory.ts.
      releaseMemory();
      state.phase = phase;
    },
    read: (name, rows = 1) => {
      file(name).read += rows;
    },
    written: (name, rows = 1) => {
      file(name).written += rows;
    },
    toWrite: (name, rows) => {
      file(name).toWrite = rows;
    },
    snapshot: () => ({ phase: state.phase, files: state.files.map((f) => ({ ...f })) }),
  };
}

/** A reporter that counts nothing (callers outside a job: tests, scripts). */
export const noProgress: ProgressReporter = {
  phase: () => {},
  read: () => {},
  written: () => {},
  toWrite: () => {},
  snapshot: () => ({ phase: "", files: [] }),
};
