import "server-only";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

/**
 * PGlite takes no lock on its data directory: two processes opening it at once
 * (a running server and `npm run db:backup`, say) would both write to it and
 * corrupt it. Every process that opens an embedded data directory takes this
 * lock file first: `<dataDir>.pid` holding its process id. A lock left by a
 * process that no longer runs (killed) is taken over. Released at exit.
 */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The embedded database ${dataDir} is in use by process ${pid}. Stop the app (or that process) first.`);
  }
}

export function lockDataDir(dataDir: string): void {
  const file = `${dataDir}.pid`;
  if (held.has(file)) return;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(file);
      if (held.size === 1) process.once("exit", releaseAll);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (pid === process.pid) {
        held.add(file);
        return;
      }
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DataDirInUseError(dataDir, pid);
      // Stale: its process is gone. Remove and try once more.
      unlinkSync(file);
    }
  }
  throw new Error(`Could not take the lock ${file}.`);
}

export function unlockDataDir(dataDir: string): void {
  const file = `${dataDir}.pid`;
  if (!held.delete(file)) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function releaseAll(): void {
  for (const file of held) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
  held.clear();
}
