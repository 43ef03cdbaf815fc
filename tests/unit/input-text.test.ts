// Text PostgreSQL cannot store (U+0000) is found in any shape of input, and
// the proxy refuses a query string holding it before a page or route runs.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { fieldsWithNul, holdsNul, NUL_MESSAGE, queryHoldsNul, SURROGATE_MESSAGE, unstorableFieldErrors, unstorableReason, withoutNulText } from "@/domain/input-text";

vi.mock("server-only", () => ({}));

describe("holdsNul / fieldsWithNul", () => {
  it("finds a NUL in strings, arrays, nested objects and keys", () => {
    expect(holdsNul("a\u0000b")).toBe(true);
    expect(holdsNul(["ok", ["x\u0000"]])).toBe(true);
    expect(holdsNul({ a: { b: "\u0000" } })).toBe(true);
    expect(holdsNul({ "k\u0000": "v" })).toBe(true);
    expect(holdsNul({ a: "Zoë 😀 \uFFFF \u200B", n: 5, d: new Date(), nil: null })).toBe(false);
  });

  it("names the top-level fields that hold one", () => {
    expect(fieldsWithNul({ name: "Ma\u0000ya", ok: "fine", tags: ["a", "\u0000"] })).toEqual(["name", "tags"]);
    expect(fieldsWithNul({ "x\u0000": "v" })).toEqual(["_form"]);
    expect(fieldsWithNul("\u0000")).toEqual(["_form"]);
    expect(fieldsWithNul({ name: "Maya" })).toEqual([]);
    expect(fieldsWithNul(null)).toEqual([]);
  });

  it("checks one text field and a query string", () => {
    expect(withoutNulText("plain")).toBe(true);
    expect(withoutNulText("a\u0000")).toBe(false);
    expect(queryHoldsNul(new URLSearchParams("q=a%00b"))).toBe(true);
    expect(queryHoldsNul(new URLSearchParams("a%00=1"))).toBe(true);
    expect(queryHoldsNul(new URLSearchParams("q=a%2500b&page=2"))).toBe(false);
  });
});

describe("proxy", () => {
  it("refuses /interventions?q=a%00b with a plain 400 that keeps the security headers, and lets a plain search through", async () => {
    const { proxy } = await import("@/proxy");
    const refused = proxy(new NextRequest("http://localhost/interventions?q=a%00b"));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/not allowed \(NUL/);
    expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const passed = proxy(new NextRequest("http://localhost/interventions?q=ab"));
    expect(passed.status).toBe(200);
  });
});

describe("unstorableReason / unstorableFieldErrors (NUL and lone surrogates)", () => {
  it("refuses NUL and unpaired surrogates, keeps paired ones (emoji) and U+FFFD", () => {
    expect(unstorableReason("a\u0000b")).toBe(NUL_MESSAGE);
    expect(unstorableReason("\uD800")).toBe(SURROGATE_MESSAGE);
    expect(unstorableReason("ab\uDFFFcd")).toBe(SURROGATE_MESSAGE);
    expect(unstorableReason("🙂\uD83D")).toBe(SURROGATE_MESSAGE);
    expect(unstorableReason("\uDBFF\uDBFF")).toBe(SURROGATE_MESSAGE);
    expect(unstorableReason("Zoë 🙂 \uFFFD \u202E \u200B")).toBeNull();
  });

  it("names the top-level field (keys and nested values included)", () => {
    expect(unstorableFieldErrors({ name: "ok", note: ["x", "\uD800"], deep: { a: { b: "\u0000" } } })).toEqual({ note: [SURROGATE_MESSAGE], deep: [NUL_MESSAGE] });
    expect(unstorableFieldErrors({ "k\uDC00": "v" })).toEqual({ _form: [SURROGATE_MESSAGE] });
    expect(unstorableFieldErrors("\u0000")).toEqual({ _form: [NUL_MESSAGE] });
    expect(unstorableFieldErrors({ name: "Maya 🙂", n: 5, nil: null })).toBeNull();
    expect(unstorableFieldErrors(null)).toBeNull();
  });
});
