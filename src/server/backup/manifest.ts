import "server-only";

/**
 * A backup's manifest: what was in every table when the backup was taken, so
 * a restore can prove it brought back exactly that (docs/decisions/026).
 */
export interface TableFigure {
  table: string;
  rows: number;
  /** md5 over the sorted md5s of every row's text: independent of physical order. */
  checksum: string;
}

export interface BackupManifest {
  format: "mtss-backup/1";
  engine: "server" | "embedded";
  createdAt: string;
  /** The backup file's name (beside this manifest) and its SHA-256, to catch a damaged copy. */
  file: string;
  fileSha256: string;
  postgresVersion: string;
  /** The last applied migration: a restore needs the same code to run on it. */
  lastMigration: string | null;
  tables: TableFigure[];
}

/** Runs one statement and returns its rows (a pg client or a PGlite instance behind it). */
export type Query = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

/**
 * Settings that fix every value's text form, so one row gives one text on any
 * machine and in any session (time zone, date style, float digits).
 */
export const CANONICAL_TEXT_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL extra_float_digits = 1",
  "SET LOCAL bytea_output = 'hex'",
];

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Row count and checksum of every table of the public schema. Must run inside
 * a transaction (the SET LOCALs) as a role that sees every row (the owner:
 * row-level security would otherwise hide other districts' rows).
 */
export async function tableFigures(query: Query): Promise<TableFigure[]> {
  for (const setting of CANONICAL_TEXT_SETTINGS) await query(setting);
  const tables = await query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE \"C\"",
  );
  const figures: TableFigure[] = [];
  for (const { name } of tables) {
    // Sorting the rows' md5s (hex, so collation plays no part) makes the sum
    // independent of the order rows are stored or restored in.
    const [row] = await query<{ rows: number | string; checksum: string }>(
      `SELECT count(*)::int AS rows,
              md5(coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')) AS checksum
         FROM (SELECT md5(t::text) AS h FROM public.${quoteIdent(name)} t) rows_of_table`,
    );
    figures.push({ table: name, rows: Number(row!.rows), checksum: row!.checksum });
  }
  return figures;
}

export async function lastMigration(query: Query): Promise<string | null> {
  const [exists] = await query<{ ok: boolean }>("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok");
  if (!exists?.ok) return null;
  const [row] = await query<{ name: string }>(
    "SELECT migration_name AS name FROM public._prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1",
  );
  return row?.name ?? null;
}

export interface Difference {
  table: string;
  problem: string;
}

/** Every way the restored tables differ from the manifest's (empty: identical). */
export function compareFigures(expected: TableFigure[], actual: TableFigure[]): Difference[] {
  const out: Difference[] = [];
  const got = new Map(actual.map((t) => [t.table, t]));
  for (const want of expected) {
    const have = got.get(want.table);
    if (!have) out.push({ table: want.table, problem: "missing after the restore" });
    else if (have.rows !== want.rows) out.push({ table: want.table, problem: `${have.rows} rows, the backup had ${want.rows}` });
    else if (have.checksum !== want.checksum) out.push({ table: want.table, problem: "same number of rows but different contents (checksum)" });
    got.delete(want.table);
  }
  for (const extra of got.keys()) out.push({ table: extra, problem: "not in the backup" });
  return out;
}
