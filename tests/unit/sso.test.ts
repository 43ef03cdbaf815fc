import { describe, expect, it } from "vitest";
import { emailAllowed, emailDomain, isSsoRefusal, parseDomains, SSO_REFUSALS } from "@/domain/sso";

describe("single sign-on rules (decision 034)", () => {
  it("takes an email's domain in lowercase", () => {
    expect(emailDomain("Casey.Morgan@MapleValley.K12.us")).toBe("maplevalley.k12.us");
    expect(emailDomain("no-at-sign")).toBe("");
  });

  it("parses allowed domains one per line, by commas or spaces, dropping a leading @ and repeats", () => {
    expect(parseDomains("maple.k12.us\n@Staff.Maple.k12.us, maple.k12.us  oak.org")).toEqual({ domains: ["maple.k12.us", "staff.maple.k12.us", "oak.org"], invalid: [] });
    expect(parseDomains("maple.k12.us, localhost, bad_domain.org, -x.org").invalid).toEqual(["localhost", "bad_domain.org", "-x.org"]);
    expect(parseDomains("  \n ").domains).toEqual([]);
  });

  it("allows only an exact allowed domain, not a subdomain or a look-alike", () => {
    const allowed = ["maple.k12.us"];
    expect(emailAllowed("a@maple.k12.us", allowed)).toBe(true);
    expect(emailAllowed("a@MAPLE.k12.us", allowed)).toBe(true);
    expect(emailAllowed("a@evil.maple.k12.us", allowed)).toBe(false);
    expect(emailAllowed("a@maple.k12.us.evil.org", allowed)).toBe(false);
    expect(emailAllowed("maple.k12.us", allowed)).toBe(false);
  });

  it("knows its refusal words and nothing else", () => {
    expect(isSsoRefusal("unknown")).toBe(true);
    expect(isSsoRefusal("toString")).toBe(false);
    expect(isSsoRefusal(["unknown"])).toBe(false);
    for (const message of Object.values(SSO_REFUSALS)) expect(message.length).toBeGreaterThan(20);
  });
});
