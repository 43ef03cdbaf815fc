// EXPLAIN (ANALYZE, BUFFERS) of the statements captured from the app's own
// server functions, run as the app role with the district set as the app
// sets it (set_config(..., true) in the transaction), inside a transaction
// that is rolled back (so the profile's audit INSERT leaves nothing behind).
import pg from "pg";

const SKIP = /^\s*(select set_config\(|BEGIN|COMMIT|ROLLBACK|SET\b)/i;

/** A short name for a statement: verb and main table, plus notable traits. */
export function labelOf(sql) {
  const s = sql.replace(/\s+/g, " ").trim();
  const verb = s.match(/^(WITH|SELECT|INSERT|UPDATE|DELETE)/i)?.[1].toUpperCase() ?? "SQL";
  const table = (re) => s.match(re)?.[1];
  let main;
  if (verb === "INSERT") main = table(/INSERT INTO (?:"public"\.)?"?(\w+)"?/i);
  else if (verb === "UPDATE") main = table(/UPDATE (?:"public"\.)?"?(\w+)"?/i);
  else main = table(/\bFROM (?:"public"\.)?"(\w+)"/i);
  const traits = [];
  if (/COUNT\(\*\)/i.test(s) && /GROUP BY/i.test(s)) traits.push("grouped count");
  else if (/^SELECT COUNT\(\*\)/i.test(s)) traits.push("count");
  if (/ILIKE/i.test(s)) traits.push("name search");
  if (/LATERAL/i.test(s)) traits.push("lateral");
  if (/NOT EXISTS/i.test(s)) traits.push("not exists");
  if (/count\(\*\) OVER/i.test(s)) traits.push("page + total");
  const joins = [...s.matchAll(/\bJOIN (?:"public"\.)?"(\w+)"/gi)].map((m) => m[1]);
  if (joins.length) traits.push(`join ${[...new Set(joins)].join(", ")}`);
  if (/ = ANY\(/i.test(s) || /IN \(\$\d+(,\$\d+){3,}/.test(s)) traits.push("by id list");
  return `${verb === "WITH" ? "SELECT (CTE)" : verb} ${main ?? "?"}${traits.length ? ` (${traits.join("; ")})` : ""}`;
}

/** The facts worth a table cell, from a text plan. */
export function summarize(plan) {
  const lines = plan.split("\n");
  const num = (re) => {
    const m = plan.match(re);
    return m ? Number(m[1]) : null;
  };
  const indexes = new Set();
  const seqScans = [];
  for (const line of lines) {
    for (const m of line.matchAll(/Index (?:Only )?Scan(?: Backward)? using (\S+) on (\S+)/g)) indexes.add(m[1]);
    for (const m of line.matchAll(/Bitmap Index Scan on (\S+)/g)) indexes.add(m[1]);
    const seq = line.match(/Seq Scan on (\S+)(?: (\w+))?.*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/);
    if (seq) seqScans.push(`${seq[1]} (${Number(seq[3]) * Number(seq[4])} rows)`);
  }
  const root = lines[0]?.match(/actual time=[\d.]+\.\.([\d.]+) rows=(\d+)/);
  const buffers = lines.find((l) => /^\s*Buffers:/.test(l))?.trim().replace(/^Buffers:\s*/, "") ?? "";
  return {
    executionMs: num(/Execution Time: ([\d.]+) ms/),
    planningMs: num(/Planning Time: ([\d.]+) ms/),
    rows: root ? Number(root[2]) : null,
    indexes: [...indexes],
    seqScans,
    buffers,
  };
}

/**
 * EXPLAINs every data statement of every target. captured: { target: { queries, error } }.
 * Returns { target: { statements: [{ label, phase, sql, params, plan, summary }], error } }.
 */
export async function explainAll(appUrl, ctx, captured) {
  // ctx: { districtId } of the benchmark user.
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  const out = {};
  try {
    for (const [target, { queries, error }] of Object.entries(captured)) {
      const statements = [];
      for (const q of queries) {
        if (SKIP.test(q.query)) continue;
        const entry = { label: labelOf(q.query), phase: q.phase, sql: q.query.trim(), params: q.params };
        // Twice: the first run warms the cache the way a busy server has it; the second is reported.
        try {
          let plan = "";
          for (let i = 0; i < 2; i++) {
            await client.query("BEGIN");
            try {
              // Exactly what withTenant sets (not app.user_id, which only the session lookup sets).
              await client.query("select set_config('app.district_id', $1, true)", [ctx.districtId]);
              const r = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.query}`, q.params);
              plan = r.rows.map((row) => row["QUERY PLAN"]).join("\n");
            } finally {
              await client.query("ROLLBACK");
            }
          }
          entry.plan = plan;
          entry.summary = summarize(plan);
        } catch (e) {
          entry.error = e.message;
        }
        statements.push(entry);
      }
      out[target] = { statements, error, transactions: queries.filter((q) => /^\s*COMMIT/i.test(q.query)).length };
    }
  } finally {
    await client.end();
  }
  return out;
}
