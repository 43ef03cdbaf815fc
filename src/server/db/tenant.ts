import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { getDb, type AppDb } from "./client";

export type Tx = Prisma.TransactionClient;

const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

/**
 * Runs fn in one transaction that row-level security limits to one district.
 * set_config(..., true) is transaction-local, so the setting cannot leak to
 * the next user of the pooled connection. Use one per request or action.
 */
export async function withTenant<T>(districtId: string, fn: (tx: Tx) => Promise<T>, db?: AppDb, timeoutMs = TX_OPTIONS.timeout): Promise<T> {
  const client = db ?? (await getDb());
  return client.$transaction(async (tx) => {
    await tx.$queryRaw`select set_config('app.district_id', ${districtId}, true)`;
    return fn(tx);
  }, { ...TX_OPTIONS, timeout: timeoutMs });
}

/**
 * Runs fn with only the signed-in user's own memberships (and their districts'
 * names) visible: used to resolve the session and to choose a district.
 */
export async function withUserScope<T>(userId: string, fn: (tx: Tx) => Promise<T>, db?: AppDb): Promise<T> {
  const client = db ?? (await getDb());
  return client.$transaction(async (tx) => {
    await tx.$queryRaw`select set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  }, TX_OPTIONS);
}
