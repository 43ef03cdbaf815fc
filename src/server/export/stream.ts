import "server-only";
import type { Writable } from "node:stream";
import { Prisma } from "@/generated/prisma/client";
import { getDb, type AppDb } from "@/server/db/client";
import type { Tx } from "@/server/db/tenant";
import { csvCell } from "@/server/csv";

/** Rows read per statement: small enough to hold, large enough that 50,000 students take few round trips. */
export const BATCH = 2000;

/**
 * How long one export's transaction may stay open. The transaction lives
 * while the client downloads (rows are read as the zip is consumed), so it is
 * bounded by the slowest reasonable download rather than by the queries.
 */
const EXPORT_TX_TIMEOUT_MS = 30 * 60_000;

/**
 * Runs fn in one REPEATABLE READ transaction limited to the district by
 * row-level security (as withTenant does): every file of one export reads the
 * same snapshot, so ids in one file always resolve in another. Times are read
 * in UTC whatever the server's zone.
 */
export async function withTenantSnapshot<T>(districtId: string, fn: (tx: Tx) => Promise<T>, db?: AppDb): Promise<T> {
  const client = db ?? (await getDb());
  return client.$transaction(
    async (tx) => {
      await tx.$queryRaw`select set_config('app.district_id', ${districtId}, true), set_config('TimeZone', 'UTC', true)`;
      return fn(tx);
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 10_000, timeout: EXPORT_TX_TIMEOUT_MS },
  );
}

/** Thrown into the reading loop when the client went away: the transaction ends and the rows stop. */
export class DownloadAborted extends Error {
  constructor() {
    super("the download was closed before the export finished");
  }
}

/**
 * Writes CSV text into a stream with backpressure: a write waits until the
 * reader (the zip, then the HTTP response) has taken the last chunk, so only
 * a batch or so is ever in memory. `aborted` says the client closed the
 * download; the next write then throws DownloadAborted.
 */
export class CsvSink {
  private pending: string[] = [];
  private size = 0;
  constructor(
    private readonly out: Writable,
    private readonly aborted: () => boolean,
    private readonly onAbort: (listener: () => void) => void,
  ) {}

  /** One row; numbers (by column) pass as numbers, so -5 stays -5 and is not neutralised like text. */
  async row(cells: readonly (string | number | null | undefined)[]): Promise<void> {
    const line = cells.map(csvCell).join(",") + "\r\n";
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.aborted()) throw new DownloadAborted();
    if (this.pending.length === 0) return;
    const chunk = this.pending.join("");
    this.pending = [];
    this.size = 0;
    if (this.out.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      this.out.once("drain", resolve);
      this.onAbort(() => reject(new DownloadAborted()));
    });
  }
}

/** Watches the stream the client reads: once it closes (download cancelled, or finished), writers stop waiting for it. */
export function closeWatch(out: { on(event: "close", listener: () => void): unknown }): {
  closed: () => boolean;
  onAbort: (listener: () => void) => void;
} {
  let closed = false;
  const listeners: (() => void)[] = [];
  out.on("close", () => {
    closed = true;
    for (const f of listeners.splice(0)) f();
  });
  return { closed: () => closed, onAbort: (f) => (closed ? f() : void listeners.push(f)) };
}
