import "server-only";
import { PassThrough, type Readable } from "node:stream";
import yazl from "yazl";
import { EXPORT_TABLES, exportedColumns, exportFileName, exportReadme, withheldColumns, type TableSpec } from "@/domain/district-export";
import { recordAudit } from "@/server/audit/record";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import type { AppDb } from "@/server/db/client";
import { withTenant, type Tx } from "@/server/db/tenant";
import { logUnexpected } from "@/server/errors";
import { BATCH, closeWatch, CsvSink, DownloadAborted, withTenantSnapshot } from "./stream";

// Identifiers come from EXPORT_TABLES (constants), never from a request; still
// checked, because they are spliced into SQL text.
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function q(ident: string): string {
  if (!IDENT.test(ident)) throw new Error(`not an identifier: ${ident}`);
  return `"${ident}"`;
}

/** Which rows of a table are the district's ($1 is the district id). RLS limits them too; this keeps the plan on the district's indexes. */
function scopeSql(spec: TableSpec): string {
  switch (spec.scope) {
    case "district":
      return `"id" = $1::uuid`;
    case "members":
      return `"id" IN (SELECT "userId" FROM "Membership" WHERE "districtId" = $1::uuid)`;
    case "tenant":
      return `"districtId" = $1::uuid`;
  }
}

interface ColumnInfo {
  type: string;
  /** pg_type.typcategory: A array, D date/time, N numeric, ... */
  category: string;
  /** 0-based position in the primary key, or null. */
  pk: number | null;
}
type Catalog = Map<string, Map<string, ColumnInfo>>;

/** Columns, types and primary keys of the exported tables, from the database itself. */
async function catalogOf(tx: Tx, tables: string[]): Promise<Catalog> {
  const rows = await tx.$queryRawUnsafe<{ tbl: string; col: string; type: string; category: string; pk: number | null }[]>(
    `SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory::text AS category,
            array_position(i.indkey::int2[], a.attnum)::int AS pk
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
      WHERE c.relkind = 'r' AND c.relname = ANY($1::text[])`,
    tables,
  );
  const catalog: Catalog = new Map();
  for (const r of rows) {
    const cols = catalog.get(r.tbl) ?? new Map<string, ColumnInfo>();
    cols.set(r.col, { type: r.type, category: r.category, pk: r.pk });
    catalog.set(r.tbl, cols);
  }
  return catalog;
}

/** A column as text: times in ISO 8601 (UTC, set by the transaction), lists and JSON as JSON, the rest as PostgreSQL prints it. */
function textOf(col: string, info: ColumnInfo): string {
  if (info.category === "D") return `to_json(${q(col)}) #>> '{}'`;
  if (info.category === "A") return `to_json(${q(col)})::text`;
  return `${q(col)}::text`;
}

/** Numbers stay numbers in the CSV (csvCell neutralises only text): -5 is a value, not a formula. */
function cellOf(value: string | null, numeric: boolean): string | number | null {
  if (value === null) return null;
  if (numeric && String(Number(value)) === value) return Number(value);
  return value;
}

/** One table into its CSV, in keyset-paginated batches of BATCH rows (never the whole table in memory). */
async function writeTable(tx: Tx, districtId: string, table: string, spec: TableSpec, catalog: Catalog, sink: CsvSink): Promise<number> {
  const info = catalog.get(table);
  if (!info) throw new Error(`table ${table} is not in the database`);
  const columns = exportedColumns(spec).filter((c) => info.has(c));
  const key = [...info.entries()].filter(([, c]) => c.pk !== null).sort((a, b) => a[1].pk! - b[1].pk!);
  if (key.length === 0) throw new Error(`table ${table} has no primary key to page by`);
  const numeric = columns.map((c) => info.get(c)!.category === "N");
  const select = [...columns.map((c, i) => `${textOf(c, info.get(c)!)} AS "c${i}"`), ...key.map(([k], j) => `${q(k)}::text AS "k${j}"`)].join(", ");
  const order = key.map(([k]) => q(k)).join(", ");
  const after = `(${order}) > (${key.map(([, c], j) => `$${j + 2}::${c.type}`).join(", ")})`;
  const first = `SELECT ${select} FROM ${q(table)} WHERE ${scopeSql(spec)} ORDER BY ${order} LIMIT ${BATCH}`;
  const next = `SELECT ${select} FROM ${q(table)} WHERE ${scopeSql(spec)} AND ${after} ORDER BY ${order} LIMIT ${BATCH}`;

  await sink.row(columns);
  let cursor: string[] | null = null;
  let rows = 0;
  for (;;) {
    const batch: Record<string, string | null>[] = cursor
      ? await tx.$queryRawUnsafe<Record<string, string | null>[]>(next, districtId, ...cursor)
      : await tx.$queryRawUnsafe<Record<string, string | null>[]>(first, districtId);
    for (const r of batch) await sink.row(columns.map((_, i) => cellOf(r[`c${i}`] ?? null, numeric[i] ?? false)));
    rows += batch.length;
    if (batch.length < BATCH) return rows;
    const last = batch[batch.length - 1]!;
    cursor = key.map((_, j) => last[`k${j}`] as string);
  }
}

/** Rows per exported table now, for the audit event (one statement). */
async function countRows(tx: Tx, districtId: string): Promise<Record<string, number>> {
  const sql = Object.entries(EXPORT_TABLES)
    .map(([table, spec]) => `SELECT '${table}'::text AS tbl, count(*)::int AS n FROM ${q(table)} WHERE ${scopeSql(spec)}`)
    .join(" UNION ALL ");
  const rows = await tx.$queryRawUnsafe<{ tbl: string; n: number }[]>(sql, districtId);
  return Object.fromEntries(rows.map((r) => [exportFileName(r.tbl), Number(r.n)]));
}

/**
 * The whole district as a zip: README.md, then one CSV per table of
 * EXPORT_TABLES. Administrators only; anyone else gets 404 and a `denied`
 * event. The `export` audit event (files, their row counts, what is withheld)
 * is committed before the first byte leaves, in its own transaction, so a
 * download that fails half-way is still on record. The zip is produced as it
 * is read: rows are read in batches inside one snapshot transaction while the
 * client downloads, so memory does not grow with the district. `done` says
 * how the reading ended (the route does not wait for it; tests do).
 */
export async function exportDistrict(ctx: Ctx, db?: AppDb): Promise<{ filename: string; body: Readable; done: Promise<"complete" | "aborted" | "failed"> }> {
  await authorizePage(ctx, "district.export", { entityType: "District", entityId: ctx.districtId });
  const exportedAt = new Date();
  await withTenant(
    ctx.districtId,
    async (tx) => {
      const files = await countRows(tx, ctx.districtId);
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "export",
        entityType: "District",
        entityId: ctx.districtId,
        detail: { export: "district", files, withheld: withheldColumns().map((w) => `${w.table}.${w.column}`) },
      });
    },
    db,
  );

  const zip = new yazl.ZipFile();
  const out = zip.outputStream as PassThrough;
  const { closed, onAbort } = closeWatch(out);
  // yazl reports a failed entry here; without a listener it would end the process.
  zip.on("error", (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));

  const mtime = exportedAt;
  const pump = withTenantSnapshot(
    ctx.districtId,
    async (tx) => {
      const readme = exportReadme({ districtName: ctx.districtName, exportedAt: exportedAt.toISOString() });
      zip.addBuffer(Buffer.from(readme, "utf8"), "README.md", { mtime });
      const catalog = await catalogOf(tx, Object.keys(EXPORT_TABLES));
      for (const [table, spec] of Object.entries(EXPORT_TABLES)) {
        const entry = new PassThrough();
        zip.addReadStream(entry, exportFileName(table), { mtime });
        const sink = new CsvSink(entry, closed, onAbort);
        await writeTable(tx, ctx.districtId, table, spec, catalog, sink);
        await sink.flush();
        entry.end();
      }
    },
    db,
  );
  const done = pump.then(
    () => {
      zip.end();
      return "complete" as const;
    },
    (error: unknown) => {
      if (!(error instanceof DownloadAborted)) logUnexpected(error, "district export");
      // The client sees a broken download rather than a zip that looks whole.
      out.destroy(error instanceof Error ? error : new Error(String(error)));
      return error instanceof DownloadAborted ? ("aborted" as const) : ("failed" as const);
    },
  );
  return { filename: `district-export-${exportedAt.toISOString().slice(0, 10)}.zip`, body: out, done };
}
