// Two-factor rules that need no I/O (decision 033): who must have it, the
// grace, the TOTP window, recovery codes and what the code prompt accepts.
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { formatRecoveryCode, parseSecondFactorCode, RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, TWO_FACTOR_GRACE_DAYS } from "@/domain/identity";
import { groupSecret, inWindow, recoveryCodesFrom, secondFactorStep, timeStepOf, TOTP_PERIOD, twoFactorRequired } from "@/domain/two-factor";

const NOW = new Date("2026-03-02T15:00:10Z");

describe("who needs a second factor", () => {
  it("administrators always; everyone else only where the district requires it", () => {
    expect(twoFactorRequired([{ role: "ADMIN", districtRequires: false }])).toBe(true);
    expect(twoFactorRequired([{ role: "SPECIALIST", districtRequires: false }])).toBe(false);
    expect(twoFactorRequired([{ role: "SPECIALIST", districtRequires: false }, { role: "TEACHER", districtRequires: true }])).toBe(true);
    expect(twoFactorRequired([])).toBe(false);
  });

  it("an enrolled person is asked for a code; a required one gets a grace, then must enrol", () => {
    expect(secondFactorStep({ enrolled: true, required: false, graceUntil: null, now: NOW })).toEqual({ step: "code" });
    expect(secondFactorStep({ enrolled: false, required: false, graceUntil: null, now: NOW })).toEqual({ step: "none" });
    const started = secondFactorStep({ enrolled: false, required: true, graceUntil: null, now: NOW });
    expect(started).toEqual({ step: "grace", started: true, graceUntil: new Date(NOW.getTime() + TWO_FACTOR_GRACE_DAYS * 86_400_000) });
    const later = new Date(NOW.getTime() + 86_400_000);
    expect(secondFactorStep({ enrolled: false, required: true, graceUntil: later, now: NOW })).toEqual({ step: "grace", started: false, graceUntil: later });
    expect(secondFactorStep({ enrolled: false, required: true, graceUntil: NOW, now: NOW })).toEqual({ step: "enrol" });
    expect(secondFactorStep({ enrolled: false, required: true, graceUntil: new Date(NOW.getTime() - 1), now: NOW })).toEqual({ step: "enrol" });
  });
});

describe("the TOTP window", () => {
  it("steps are 30-second slices of Unix time; one step either side is accepted", () => {
    const step = timeStepOf(NOW);
    expect(step).toBe(Math.floor(NOW.getTime() / 1000 / TOTP_PERIOD));
    expect(timeStepOf(new Date("2026-03-02T15:00:00Z"))).toBe(step);
    expect(timeStepOf(new Date("2026-03-02T15:00:30Z"))).toBe(step + 1);
    expect([step - 2, step - 1, step, step + 1, step + 2].map((s) => inWindow(s, NOW))).toEqual([false, true, true, true, false]);
  });

  it("otplib's codes are RFC 6238's (test vector of appendix B, SHA-1, 8 digits)", async () => {
    // The RFC's key "12345678901234567890" in base32.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(await generate({ secret, epoch: 59, digits: 8 })).toBe("94287082");
    expect(await generate({ secret, epoch: 1111111109, digits: 8 })).toBe("07081804");
  });
});

describe("recovery codes", () => {
  it("ten codes of ten characters from the alphabet, shown as xxxxx-xxxxx and read back by the prompt", () => {
    const bytes = new Uint8Array(100).map((_, i) => (i * 37 + 11) % 256);
    const codes = recoveryCodesFrom(bytes);
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect([...code].every((c) => RECOVERY_ALPHABET.includes(c))).toBe(true);
      const shown = formatRecoveryCode(code);
      expect(shown).toMatch(/^.{5}-.{5}$/);
      expect(parseSecondFactorCode(shown)).toEqual({ kind: "recovery", code });
      expect(parseSecondFactorCode(shown.toLowerCase())).toEqual({ kind: "recovery", code });
    }
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    expect(() => recoveryCodesFrom(new Uint8Array(99))).toThrow();
  });

  it("each byte maps to one character uniformly (256 is a multiple of 32)", () => {
    const all = recoveryCodesFrom(new Uint8Array(100).map((_, i) => i)).join("");
    expect(all.slice(0, 32)).toBe(RECOVERY_ALPHABET);
    expect(all.slice(32, 64)).toBe(RECOVERY_ALPHABET);
  });
});

describe("what the code prompt accepts", () => {
  it("six digits, with spaces or a dash", () => {
    expect(parseSecondFactorCode("123456")).toEqual({ kind: "totp", code: "123456" });
    expect(parseSecondFactorCode(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
    expect(parseSecondFactorCode("123-456")).toEqual({ kind: "totp", code: "123456" });
  });

  it("letters or a wrong length get a clear message", () => {
    expect(parseSecondFactorCode("")).toMatchObject({ kind: "invalid", message: expect.stringContaining("6-digit code") });
    expect(parseSecondFactorCode("12345")).toMatchObject({ kind: "invalid", message: "The code from your authenticator app has 6 digits; this one has 5." });
    expect(parseSecondFactorCode("1234567")).toMatchObject({ kind: "invalid", message: expect.stringContaining("this one has 7") });
    expect(parseSecondFactorCode("12a456")).toMatchObject({ kind: "invalid", message: expect.stringContaining("no letters") });
    expect(parseSecondFactorCode("ILOU012345")).toMatchObject({ kind: "invalid" });
  });

  it("groups a secret in fours for typing", () => {
    expect(groupSecret("JBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP");
    expect(groupSecret("ABCDEF")).toBe("ABCD EF");
  });
});
