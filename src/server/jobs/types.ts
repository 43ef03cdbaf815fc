import "server-only";
import type { Action } from "@/domain/permissions";
import type { Prisma } from "@/generated/prisma/client";
import type { Ctx } from "@/server/auth/session";

/** Rows read and written in one file (or one kind of record) of a job. */
export interface FileProgress {
  name: string;
  /** Rows read so far. */
  read: number;
  /** Rows written so far (0 for a dry run). */
  written: number;
  /** Rows to write, once the plan is known (null: not yet known). */
  toWrite: number | null;
}

/** What the page shows while a job runs. */
export interface JobProgress {
  /** "reading", "planning", "writing", "finishing": a word for the page. */
  phase: string;
  files: FileProgress[];
}

/** Given to a handler: report rows as they are read and written (cheap: kept in memory, saved now and then). */
export interface ProgressReporter {
  phase(phase: string): void;
  read(file: string, rows?: number): void;
  written(file: string, rows?: number): void;
  toWrite(file: string, rows: number): void;
  snapshot(): JobProgress;
}

export interface JobInput {
  id: string;
  districtId: string;
  entityId: string;
  params: Record<string, unknown>;
  secret: string | null;
}

/**
 * A kind of background work. The handler runs as the person who asked for it
 * (ctx is rebuilt from their membership when the job starts: a person since
 * deactivated, or no longer allowed, gets the job failed) and does its own
 * tenant transactions. An Error thrown with `userMessage` is shown as is;
 * anything else is logged under a reference id. `onFailure` puts the
 * feature's own record back in a state the person can act on (it runs for a
 * failed job and for a stale one whose worker died).
 */
export interface JobHandler {
  /** The permission the requester must still hold when the job runs (and to read its status). */
  permission: Action;
  /** The record the job works on (audit and status checks). */
  entityType: string;
  /** Only the person who asked may follow the job (a teacher's screening file); otherwise anyone with the permission. */
  ownOnly: boolean;
  run(ctx: Ctx, job: JobInput, progress: ProgressReporter): Promise<Prisma.InputJsonValue>;
  onFailure?(ctx: { districtId: string; userId: string }, job: JobInput, message: string): Promise<void>;
}

/** A failure the person can act on: its message is shown (no reference id needed). */
export class JobFailure extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}
