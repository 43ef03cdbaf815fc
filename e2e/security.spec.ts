// Browser security on every route (issue 21): a Content-Security-Policy with a
// fresh nonce and no unsafe-inline scripts, frame-ancestors 'none',
// Permissions-Policy, nosniff, HSTS only over HTTPS; and a server action
// posted from another origin is refused and changes nothing.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { APIResponse } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expect, test } from "./support/csp";
import { signIn } from "./support";

/**
 * Every page.tsx and route.ts under src/app, as the reach suite lists them
 * (tests/integration/reach/harness.ts routeFiles: route groups dropped).
 * Dynamic segments get an id that exists nowhere: the not-found answer must
 * carry the same headers.
 */
function routes(): string[] {
  const app = path.resolve("src/app");
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return walk(app)
    .filter((f) => /\/(page\.tsx|route\.ts)$/.test(f))
    .map((f) => "/" + path.relative(app, path.dirname(f)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/"))
    .filter((r) => !r.startsWith("/api/auth"))
    .map((r) => r.replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000"))
    .sort();
}

function nonceOf(policy: string): string {
  const m = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy);
  expect(m, `a nonce in ${policy}`).not.toBeNull();
  return m![1]!;
}

function expectSecurityHeaders(response: APIResponse, where: string) {
  const h = response.headers();
  const csp = h["content-security-policy"] ?? "";
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives["script-src"], `${where} script-src`).toEqual(expect.arrayContaining(["'strict-dynamic'"]));
  expect(directives["script-src"]!.join(" "), `${where} script-src`).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(directives["default-src"], where).toEqual(["'self'"]);
  expect(directives["object-src"], where).toEqual(["'none'"]);
  expect(directives["base-uri"], where).toEqual(["'self'"]);
  expect(directives["frame-ancestors"], where).toEqual(["'none'"]);
  expect(directives["form-action"], where).toEqual(["'self'"]);
  nonceOf(csp);
  expect(h["x-content-type-options"], where).toBe("nosniff");
  expect(h["permissions-policy"], where).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(h["referrer-policy"], where).toBe("same-origin");
  // Plain HTTP here: HSTS must not be sent (it is only honoured over HTTPS).
  expect(h["strict-transport-security"], where).toBeUndefined();
}

test("every route answers with the security headers, signed out and signed in", async ({ page }) => {
  const list = routes();
  expect(list.length).toBeGreaterThan(40);
  for (const route of list) expectSecurityHeaders(await page.request.get(route, { maxRedirects: 0 }), `signed out ${route}`);
  await signIn(page, "admin@maplevalley.example", DEMO_PASSWORD);
  for (const route of list) expectSecurityHeaders(await page.request.get(route, { maxRedirects: 0 }), `admin ${route}`);
});

test("the nonce is new on every request and is on every script of the page", async ({ page }) => {
  const first = await page.request.get("/sign-in");
  const second = await page.request.get("/sign-in");
  const nonce = nonceOf(first.headers()["content-security-policy"]!);
  expect(nonceOf(second.headers()["content-security-policy"]!)).not.toBe(nonce);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script tag carries the nonce").toContain(`nonce="${nonce}"`);
  // And the page works under it: the browser runs Next.js's scripts (no violations: the guard fails the test otherwise).
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});

test("HSTS is sent when the app is reached over HTTPS (behind a TLS proxy)", async ({ request }) => {
  const response = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("a server action posted from another origin is refused and signs no one in", async ({ page, playwright, baseURL }) => {
  // The sign-in form is a server action that works without JavaScript: its
  // hidden fields ($ACTION_…) name the action; post them as the browser would.
  const html = await (await page.request.get("/sign-in")).text();
  const formHtml = /<form[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  const hidden = [...formHtml.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)];
  expect(hidden.map((m) => m[1]).some((name) => name!.startsWith("$ACTION")), "the sign-in form's server action").toBe(true);
  const decode = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const form: Record<string, string> = Object.fromEntries(hidden.map((m) => [m[1]!, decode(m[2] ?? "")]));
  Object.assign(form, { email: "admin@maplevalley.example", password: DEMO_PASSWORD });

  const post = async (origin: string) => {
    const context = await playwright.request.newContext({ baseURL });
    const response = await context.post("/sign-in", { headers: { Origin: origin }, multipart: form, maxRedirects: 0 });
    const cookies = (await context.storageState()).cookies.map((c) => c.name);
    await context.dispose();
    return { status: response.status(), cookies };
  };

  const hostile = await post("https://evil.example");
  expect(hostile.status, "a cross-origin server action").toBeGreaterThanOrEqual(400);
  expect(hostile.cookies.filter((c) => /session-token/.test(c)), "no session for a cross-origin post").toEqual([]);

  // The same post from the app's own origin does sign in: the refusal above is the origin check, not a broken request.
  const own = await post(new URL(baseURL!).origin);
  expect(own.status).toBeLessThan(400);
  expect(own.cookies.some((c) => /session-token/.test(c)), "a session for a same-origin post").toBe(true);
});
