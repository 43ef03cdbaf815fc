// The password policy, session expiry and code parsing of decision 025.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseSecondFactorCode,
  passwordLength,
  passwordProblem,
  passwordStrengthNote,
  PASSWORD_MAX,
  sessionExpiry,
  strictestLimits,
} from "@/domain/identity";

const list = new Set(
  readFileSync("data/common-passwords.txt", "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#")),
);
const ctx = { isCommon: (p: string) => list.has(p), email: "dana.reyes@district.test", name: "Dana Reyes" };

describe("passwordProblem", () => {
  it("needs 8 characters, counted as people count them", () => {
    expect(passwordProblem("seven77", ctx)).toMatch(/at least 8 characters.*has 7/);
    expect(passwordProblem("éééééééé", ctx)).toBeNull();
    expect(passwordLength("😀😀😀😀😀😀😀")).toBe(7);
    expect(passwordProblem("😀😀😀😀😀😀😀", ctx)).toMatch(/has 7/);
  });

  it("allows at least 64 characters and refuses more than the maximum", () => {
    expect(PASSWORD_MAX).toBeGreaterThanOrEqual(64);
    expect(passwordProblem("a quiet walk ".repeat(9).slice(0, PASSWORD_MAX), ctx)).toBeNull();
    expect(passwordProblem("x".repeat(PASSWORD_MAX + 1), ctx)).toMatch(/at most 128/);
  });

  it("has no composition rules: lower-case words alone are fine", () => {
    expect(passwordProblem("purple giraffe ladder", ctx)).toBeNull();
  });

  it("refuses passwords on the checked-in common/breached list, in any case", () => {
    expect(list.size).toBeGreaterThan(10_000);
    for (const p of ["password", "12345678", "iloveyou", "Password1", "QWERTYUIOP"]) expect(passwordProblem(p, ctx), p).toMatch(/common or breached/);
  });

  it("refuses a password that is little more than the person's name or email", () => {
    expect(passwordProblem("dana.reyes1", ctx)).toMatch(/name or email/);
    expect(passwordProblem("Reyes2026!", ctx)).toMatch(/name or email/);
    expect(passwordProblem("reyes family lake house", ctx)).toBeNull();
  });

  it("gives strength feedback by length", () => {
    expect(passwordStrengthNote("abcdefghij")).toMatch(/15 or more/);
    expect(passwordStrengthNote("abcdefghijklmnop")).toMatch(/recommended length/);
    expect(passwordStrengthNote("a".repeat(24))).toMatch(/Strong/);
  });
});

describe("sessionExpiry", () => {
  const limits = { idleMinutes: 480, absoluteHours: 168 };
  const now = new Date("2026-12-05T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  it("ends a session idle for the limit, and one older than the lifetime however active", () => {
    expect(sessionExpiry({ createdAt: ago(600), lastSeenAt: ago(479) }, limits, now)).toBeNull();
    expect(sessionExpiry({ createdAt: ago(600), lastSeenAt: ago(480) }, limits, now)).toBe("idle");
    expect(sessionExpiry({ createdAt: ago(168 * 60), lastSeenAt: ago(0) }, limits, now)).toBe("absolute");
    expect(sessionExpiry({ createdAt: ago(168 * 60 - 1), lastSeenAt: ago(1) }, limits, now)).toBeNull();
  });
  it("takes the strictest limits of several districts, defaults without any", () => {
    expect(strictestLimits([{ idleMinutes: 30, absoluteHours: 200 }, { idleMinutes: 60, absoluteHours: 12 }])).toEqual({ idleMinutes: 30, absoluteHours: 12 });
    expect(strictestLimits([])).toEqual({ idleMinutes: 480, absoluteHours: 168 });
  });
});

describe("parseSecondFactorCode", () => {
  it("reads six digits, with spaces, as a TOTP code", () => {
    expect(parseSecondFactorCode("123 456")).toEqual({ kind: "totp", code: "123456" });
  });
  it("reads a recovery code with or without the dash, in any case", () => {
    expect(parseSecondFactorCode("abcde-12345")).toEqual({ kind: "recovery", code: "ABCDE12345" });
    expect(parseSecondFactorCode("ABCDE12345")).toEqual({ kind: "recovery", code: "ABCDE12345" });
  });
  it("explains a wrong length or letters", () => {
    expect(parseSecondFactorCode("12345")).toMatchObject({ kind: "invalid", message: expect.stringContaining("this one has 5") });
    expect(parseSecondFactorCode("12a456")).toMatchObject({ kind: "invalid", message: expect.stringContaining("no letters") });
    expect(parseSecondFactorCode("")).toMatchObject({ kind: "invalid" });
  });
});
