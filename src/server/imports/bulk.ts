import "server-only";
import { forgetQueryLogs } from "@/server/db/client";
import type { Tx } from "@/server/db/tenant";
import { afterLargeStatement } from "@/server/jobs/memory";

// Set-based writes for imports (issue 17's benchmark): one INSERT ... SELECT
// FROM unnest(...) or UPDATE ... FROM unnest(...) per few thousand rows,
// instead of Prisma's createMany (which costs about 2 ms a row here) and one
// UPDATE per row. Every column travels as one text[] parameter and is cast in
// SQL, so a statement has as many parameters as columns whatever the row
// count; it runs in the caller's tenant transaction as the app role, so
// row-level security checks every row and a failure rolls everything back.
// unnest over arrays works the same on PostgreSQL and the embedded engine.

/**
 * After each large statement: Prisma's logs let go of its parameters
 * (db/client.ts), then the job's memory policy (jobs/memory.ts) counts its rows.
 */
export function forgetQueryArguments(rows: number): void {
  forgetQueryLogs();
  afterLargeStatement(rows);
}

/** A column's SQL type: the cast applied to its text value. */
export type ColumnType = "uuid" | "text" | "int" | "bool" | "date" | "timestamptz" | { enum: string } | { enumArray: string };
export interface Column {
  name: string;
  type: ColumnType;
}
/** A cell as sent: text, or null. Booleans, numbers and dates are turned into PostgreSQL's text forms. */
export type Cell = string | number | boolean | Date | string[] | null | undefined;

/** Rows per statement: large enough that round trips do not count, small enough to keep each parameter a few MB. */
export const BULK_CHUNK = 5000;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function cast(type: ColumnType): string {
  if (typeof type === "string") return type === "bool" ? "boolean" : type;
  if ("enum" in type) return ident(type.enum);
  return `${ident(type.enumArray)}[]`;
}

/** A cell as PostgreSQL reads it from text (arrays as literals of bare identifiers: enum values only). */
function text(value: Cell): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    for (const v of value) if (!/^[A-Za-z0-9_]+$/.test(v)) throw new Error(`bulk: not an enum value: ${v}`);
    return `{${value.join(",")}}`;
  }
  return String(value);
}

function columnsOf(rows: Cell[][], width: number): (string | null)[][] {
  const cols: (string | null)[][] = Array.from({ length: width }, () => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Cell[];
    for (let c = 0; c < width; c++) (cols[c] as (string | null)[])[r] = text(row[c]);
  }
  return cols;
}

/**
 * Inserts rows (each in the order of `columns`) into `table`; `updatedAt` is
 * set to now() (Prisma's @updatedAt is filled by the client, not the database)
 * unless the table has none (`stamped: false`).
 */
export async function bulkInsert(tx: Tx, table: string, columns: Column[], rows: Cell[][], done?: (n: number) => void, stamped = true): Promise<number> {
  const list = columns.map((c) => ident(c.name)).join(", ");
  const select = columns.map((c, i) => `u.c${i}::${cast(c.type)}`).join(", ");
  const from = columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const alias = columns.map((_, i) => `c${i}`).join(", ");
  const sql = stamped
    ? `INSERT INTO ${ident(table)} (${list}, "updatedAt") SELECT ${select}, now() FROM unnest(${from}) AS u(${alias})`
    : `INSERT INTO ${ident(table)} (${list}) SELECT ${select} FROM unnest(${from}) AS u(${alias})`;
  let n = 0;
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const chunk = rows.slice(i, i + BULK_CHUNK);
    n += await tx.$executeRawUnsafe(sql, ...columnsOf(chunk, columns.length));
    forgetQueryArguments(chunk.length);
    done?.(chunk.length);
  }
  return n;
}

/** One row to update: its id and the fields to write (a field left undefined keeps its value). */
export interface UpdateRow {
  id: string;
  set: Record<string, Cell>;
}

/**
 * Updates rows of `table` (of `districtId`) by id, each writing only its own
 * fields: a field is sent with a flag saying whether this row writes it.
 * `extra` are SQL assignments applied to every row (e.g. a version bump).
 */
export async function bulkUpdate(tx: Tx, table: string, districtId: string, columns: Column[], rows: UpdateRow[], extra: string[] = [], done?: (n: number) => void): Promise<number> {
  // Only the columns some row writes.
  const used = columns.filter((c) => rows.some((r) => r.set[c.name] !== undefined));
  if (!rows.length) return 0;
  const known = new Set(columns.map((c) => c.name));
  for (const r of rows) for (const [k, v] of Object.entries(r.set)) if (v !== undefined && !known.has(k)) throw new Error(`bulk: ${table} has no column ${k} to update`);
  const assignments = used.map((c, i) => `${ident(c.name)} = CASE WHEN u.h${i} THEN u.v${i}::${cast(c.type)} ELSE x.${ident(c.name)} END`);
  const params = used.flatMap((_, i) => [`$${2 * i + 3}::boolean[]`, `$${2 * i + 4}::text[]`]);
  const alias = used.flatMap((_, i) => [`h${i}`, `v${i}`]);
  const sql = `UPDATE ${ident(table)} AS x SET ${[...assignments, ...extra, `"updatedAt" = now()`].join(", ")}
    FROM unnest($2::uuid[]${params.length ? `, ${params.join(", ")}` : ""}) AS u(id${alias.length ? `, ${alias.join(", ")}` : ""})
    WHERE x."id" = u.id AND x."districtId" = $1::uuid`;
  let n = 0;
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const chunk = rows.slice(i, i + BULK_CHUNK);
    const args: unknown[] = [districtId, chunk.map((r) => r.id)];
    for (const c of used) {
      args.push(chunk.map((r) => r.set[c.name] !== undefined));
      args.push(chunk.map((r) => text(r.set[c.name])));
    }
    n += await tx.$executeRawUnsafe(sql, ...args);
    forgetQueryArguments(chunk.length);
    done?.(chunk.length);
  }
  return n;
}

/** Deletes rows of `table` (of `districtId`) by id. */
export async function bulkDelete(tx: Tx, table: string, districtId: string, ids: string[], done?: (n: number) => void): Promise<number> {
  const sql = `DELETE FROM ${ident(table)} WHERE "districtId" = $1::uuid AND "id" = ANY($2::uuid[])`;
  let n = 0;
  for (let i = 0; i < ids.length; i += BULK_CHUNK) {
    const chunk = ids.slice(i, i + BULK_CHUNK);
    n += await tx.$executeRawUnsafe(sql, districtId, chunk);
    forgetQueryArguments(chunk.length);
    done?.(chunk.length);
  }
  return n;
}
