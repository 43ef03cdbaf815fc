// The machinery of the reach suite: what exists (routes and server actions,
// read from the file system), how to call a page, a route handler and an
// action as a signed-in person, and what the database holds (to prove a call
// wrote nothing).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asOwner, ownerSql } from "../../support/db";
import { formOf, isNotFound, signInAs } from "../../support/session";
import type { Person } from "../../support/session";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export interface RouteFile {
  /** The URL pattern: route groups dropped, dynamic segments kept ("/plans/[planId]/sessions"). */
  route: string;
  kind: "page" | "route";
  /** Path from the repository root, for import(). */
  file: string;
}

/** Every page.tsx and route.ts under src/app. */
export function routeFiles(): RouteFile[] {
  const app = path.join(root, "src/app");
  return walk(app)
    .filter((f) => /\/(page\.tsx|route\.ts)$/.test(f))
    .map((f) => {
      const segments = path.relative(app, path.dirname(f)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
      return { route: `/${segments.join("/")}`, kind: f.endsWith("route.ts") ? ("route" as const) : ("page" as const), file: rel(f) };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

export interface ActionExport {
  name: string;
  /** Path from the repository root. */
  file: string;
}

/**
 * Every export of every "use server" file under src (the directive as the
 * file's first statement): each is a public POST endpoint. An inline
 * "use server" inside a function is refused here, so none goes unnoticed.
 */
export function serverActions(): ActionExport[] {
  const out: ActionExport[] = [];
  for (const f of walk(path.join(root, "src")).filter((f) => /\.(ts|tsx)$/.test(f))) {
    const text = readFileSync(f, "utf8");
    const code = text.replace(/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*/, "");
    const fileDirective = /^["']use server["'];?/.test(code);
    const anyDirective = /^\s*["']use server["'];?\s*$/m.test(text);
    if (anyDirective && !fileDirective) throw new Error(`${rel(f)}: "use server" inside a function; the reach suite only knows file-level server actions. Move the action to a "use server" file.`);
    if (!fileDirective) continue;
    for (const m of text.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z0-9_$]+)/gm)) out.push({ name: m[1]!, file: rel(f) });
    for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) {
      for (const part of m[1]!.split(",")) {
        const name = part.trim().split(/\s+as\s+/).at(-1)?.trim();
        if (name) out.push({ name, file: rel(f) });
      }
    }
    if (/^export\s+default\b/m.test(text)) out.push({ name: "default", file: rel(f) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export async function importModule(file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
}

// ---------------------------------------------------------------- calling

export type Params = Record<string, string | string[]>;

export type Outcome =
  | { kind: "not-found" }
  | { kind: "rendered"; text: string }
  | { kind: "result"; value: unknown; text: string }
  | { kind: "redirect"; to: string }
  | { kind: "error"; error: unknown };

const digestOf = (error: unknown) => (error as { digest?: unknown } | null)?.digest;

/** JSON of what a page returned (its element tree with every prop) or an action answered, for looking for leaked strings. */
export function textOf(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "function") return undefined;
    if (v && typeof v === "object") {
      if (seen.has(v)) return undefined;
      seen.add(v);
    }
    return v;
  }) ?? "";
}

async function settle(p: () => Promise<unknown>, kind: "page" | "result"): Promise<Outcome> {
  try {
    const value = await p();
    if (kind === "page") return { kind: "rendered", text: textOf(value) };
    if (value instanceof Response) return { kind: "rendered", text: await value.text() };
    return { kind: "result", value, text: textOf(value) };
  } catch (error) {
    if (isNotFound(error)) return { kind: "not-found" };
    const digest = digestOf(error);
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    return { kind: "error", error };
  }
}

/** Calls a page's default export as Next.js does: params and searchParams as promises. */
export async function callPage(file: string, who: Person, params: Params, searchParams: Params): Promise<Outcome> {
  const mod = await importModule(file);
  const page = mod.default as (props: { params: Promise<Params>; searchParams: Promise<Params> }) => Promise<unknown>;
  signInAs(who.ctx);
  return settle(() => page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }), "page");
}

/** Calls every HTTP method a route handler exports; the first outcome that is not 404 wins (every one must be). */
export async function callRoute(file: string, who: Person, params: Params, searchParams: Params): Promise<Outcome> {
  const mod = await importModule(file);
  const url = new URL(`http://reach.test/${Object.values(params).join("/")}`);
  for (const [k, v] of Object.entries(searchParams)) for (const one of [v].flat()) url.searchParams.append(k, one);
  signInAs(who.ctx);
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    const handler = mod[method] as ((req: Request, ctx: { params: Promise<Params> }) => Promise<Response>) | undefined;
    if (!handler) continue;
    const outcome = await settle(() => handler(new Request(url, { method }), { params: Promise.resolve(params) }), "result");
    if (outcome.kind !== "not-found") return outcome;
  }
  return { kind: "not-found" };
}

/** How an action is called: (previous state, form) as useActionState does, or (form) as a plain form action. */
/** How the action takes its input: (state, FormData) from useActionState, (FormData) from a form, or a plain object from client code. */
export type ActionCall = "state-form" | "form" | "object";

export async function callAction(file: string, name: string, who: Person, fields: Record<string, string | readonly string[] | File>, call: ActionCall): Promise<Outcome> {
  const mod = await importModule(file);
  const action = mod[name] as (...args: unknown[]) => Promise<unknown>;
  signInAs(who.ctx);
  const files = Object.entries(fields).filter((e): e is [string, File] => e[1] instanceof File);
  const form = formOf(Object.fromEntries(Object.entries(fields).filter((e): e is [string, string | readonly string[]] => !(e[1] instanceof File))));
  for (const [k, file] of files) form.append(k, file);
  const plain = Object.fromEntries(Object.entries(fields).filter((e) => !(e[1] instanceof File)));
  return settle(() => (call === "object" ? action(plain) : call === "form" ? action(form) : action(null, form)), "result");
}

// ------------------------------------------------------------ the database

/** Tables whose rows a refused call may add to (the `denied` event itself). */
const LOG_TABLES = new Set(["AuditEvent", "LoginAttempt", "_prisma_migrations"]);
let fingerprintSql: string | undefined;

/**
 * A digest of every row of every table but the logs: equal before and after
 * a call means it inserted, changed and deleted nothing. One statement.
 */
export async function fingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables = (await ownerSql<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", [])).map((t) => t.name).filter((t) => !LOG_TABLES.has(t));
    fingerprintSql = tables
      .map((t) => `SELECT '${t}' AS "table", count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS "digest" FROM "${t}" x`)
      .join(" UNION ALL ");
  }
  const rows = await ownerSql<{ table: string; digest: string }>(fingerprintSql, []);
  return Object.fromEntries(rows.map((r) => [r.table, r.digest]));
}

/** The audit events a person has left, by kind. */
export async function auditCounts(userId: string): Promise<{ denied: number; other: number }> {
  const rows = await asOwner((tx) => tx.auditEvent.groupBy({ by: ["action"], where: { actorUserId: userId }, _count: { _all: true } }));
  const denied = rows.find((r) => r.action === "denied")?._count._all ?? 0;
  return { denied, other: rows.reduce((sum, r) => sum + r._count._all, 0) - denied };
}

/** A readable account of an outcome for a failure message. */
export function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case "not-found":
      return "404 / NOT_FOUND";
    case "rendered":
      return `a rendered page or response (${outcome.text.length} characters)`;
    case "result":
      return `the result ${outcome.text.slice(0, 400)}`;
    case "redirect":
      return `a redirect to ${outcome.to}`;
    case "error":
      return `an error: ${outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error)}`;
  }
}

/** Whether an outcome is the refusal the suite requires: notFound() for pages and handlers, NOT_FOUND for actions. */
export function isRefusal(outcome: Outcome): boolean {
  if (outcome.kind === "not-found") return true;
  if (outcome.kind !== "result") return false;
  const v = outcome.value as { ok?: unknown; error?: { code?: unknown } } | null;
  return v?.ok === false && v.error?.code === "NOT_FOUND";
}
