/**
 * Single sign-on rules that need no database (decision 034): which emails a
 * district's provider may vouch for, and what a person is told when it is refused.
 */

/** The part after "@", lowercased; "" when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).trim().toLowerCase();
}

/** A DNS name such as "maplevalley.k12.us": letters, digits and hyphens in dot-separated labels. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Parses the allowed domains as typed (one per line, or separated by commas
 * or spaces; a leading "@" is dropped). Returns the distinct lowercase domains
 * and the entries that are not domains.
 */
export function parseDomains(text: string): { domains: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  const domains = [...new Set(entries.filter((d) => DOMAIN.test(d)))];
  return { domains, invalid: entries.filter((d) => !DOMAIN.test(d)) };
}

/** Whether the provider may vouch for this email in a district allowing these domains. */
export function emailAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== "" && allowedDomains.includes(domain);
}

/** Why a single sign-on was refused; the value travels in the sign-in page's URL (no personal data). */
export type SsoRefusal = "unverified" | "domain" | "unknown" | "deactivated" | "unavailable" | "failed" | "password_off";

export const SSO_REFUSALS: Record<SsoRefusal, string> = {
  unverified: "Your identity provider did not confirm that this email address is verified, so it cannot sign you in here. Ask your district's administrator.",
  domain: "Your identity provider signed you in with an email address whose domain this district does not accept for single sign-on.",
  unknown: "No staff account in this district matches the email your identity provider gave. Single sign-on does not create accounts: ask your district's administrator to add you.",
  deactivated: "Your account in this district is deactivated. Ask your district's administrator.",
  unavailable: "Single sign-on for this district is not working right now. Ask your district's administrator to check its settings.",
  failed: "Single sign-on did not complete: the identity provider's answer could not be verified. Try again, or ask your district's administrator.",
  password_off: "Your district signs in with single sign-on only. Use \"Sign in with single sign-on\" below.",
};

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === "string" && Object.hasOwn(SSO_REFUSALS, value);
}
