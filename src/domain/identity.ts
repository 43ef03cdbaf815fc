// Rules of signing in that need no I/O (decision 025): the password policy of
// OWASP ASVS 5.0 level 2, session expiry, and reading what a person typed as a
// second-factor code.

/** ASVS 6.2.1: at least 8 characters; 15 recommended (6.2.9 wants at least 64 allowed). */
export const PASSWORD_MIN = 8;
export const PASSWORD_RECOMMENDED = 15;
export const PASSWORD_MAX = 128;

/** Guidance shown beside every new-password field; there are no composition rules (ASVS 6.2.5). */
export const PASSWORD_GUIDANCE = `At least ${PASSWORD_MIN} characters; ${PASSWORD_RECOMMENDED} or more is recommended. A few unrelated words make a long password that is easy to remember. Any characters may be used, spaces too.`;

/** Length in characters as people count them (code points, so an emoji is one). */
export function passwordLength(password: string): number {
  return [...password].length;
}

export interface PasswordContext {
  /** Whether the password (lower case) is on the common/breached list. */
  isCommon: (lowercased: string) => boolean;
  email?: string;
  name?: string;
}

/**
 * The reason a new password is refused, or null when it is acceptable.
 * No rules on character classes (ASVS 6.2.5); a length window, the
 * common/breached list (6.2.4, 6.2.12) and words of the account itself
 * (6.2.11), which the first guesses of anyone who knows the person would be.
 */
export function passwordProblem(password: string, context: PasswordContext): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters (${PASSWORD_RECOMMENDED} or more is recommended). This one has ${length}.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters. This one has ${length}.`;
  const lower = password.toLowerCase();
  if (context.isCommon(lower)) {
    return "This password is on a list of common or breached passwords, so it is among the first an attacker tries. Choose another one; a few unrelated words work well.";
  }
  const words = [context.email?.split("@")[0], ...(context.name?.split(/\s+/) ?? [])].filter((w): w is string => !!w && w.length >= 4);
  const squeezed = lower.replace(/[^\p{L}\p{N}]/gu, "");
  for (const word of words) {
    const w = word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
    // Only a password that is little more than the name or email is refused; a long passphrase that contains it is not weak.
    if (w.length >= 4 && squeezed.includes(w) && squeezed.length - w.length < 6) {
      return "This password is too close to your name or email address. Choose one that people who know you would not guess.";
    }
  }
  return null;
}

/** Strength feedback for an accepted password: only length matters once the list and the rules pass. */
export function passwordStrengthNote(password: string): string {
  const length = passwordLength(password);
  if (length >= 20) return "Strong: a long password.";
  if (length >= PASSWORD_RECOMMENDED) return "Good: it has the recommended length.";
  return `Accepted. ${PASSWORD_RECOMMENDED} or more characters would be stronger.`;
}

// ---------------------------------------------------------------- sessions

export const SESSION_BOUNDS = {
  idleMinutes: { min: 5, max: 24 * 60, default: 8 * 60 },
  absoluteHours: { min: 1, max: 30 * 24, default: 7 * 24 },
} as const;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

/** Why a session has run out by `now`, or null while it may go on. */
export function sessionExpiry(session: SessionTimes, limits: SessionLimits, now: Date): "idle" | "absolute" | null {
  if (now.getTime() - session.createdAt.getTime() >= limits.absoluteHours * 3_600_000) return "absolute";
  if (now.getTime() - session.lastSeenAt.getTime() >= limits.idleMinutes * 60_000) return "idle";
  return null;
}

/**
 * The limits for a person in several districts: the strictest of them, since
 * one session serves all their districts and each district's rule must hold.
 */
export function strictestLimits(limits: readonly SessionLimits[]): SessionLimits {
  if (limits.length === 0) return { idleMinutes: SESSION_BOUNDS.idleMinutes.default, absoluteHours: SESSION_BOUNDS.absoluteHours.default };
  return {
    idleMinutes: Math.min(...limits.map((l) => l.idleMinutes)),
    absoluteHours: Math.min(...limits.map((l) => l.absoluteHours)),
  };
}

/** How a browser/device shows in the sessions list. */
export function describeDevice(parsed: { browser?: string; os?: string; platform?: string }): string {
  const parts = [parsed.browser, parsed.os && (parsed.platform && parsed.platform !== "desktop" ? `${parsed.os} (${parsed.platform})` : parsed.os)].filter(Boolean);
  return parts.length ? parts.join(" on ") : "Unknown browser";
}

// ---------------------------------------------------------------- second factor

export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes allowed in one sign-in before the session ends (ASVS 6.3.1 rate limiting). */
export const SECOND_FACTOR_ATTEMPTS = 5;
/** Days a person who must have a second factor may still sign in without one (the enrolment grace). */
export const TWO_FACTOR_GRACE_DAYS = 14;

/** Recovery codes: ten characters of Crockford-style base32 (no I, L, O, U), shown as xxxxx-xxxxx. */
export const RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export type ParsedCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | { kind: "invalid"; message: string };

/** Reads what was typed at the code prompt: six digits, or a recovery code; a clear message otherwise. */
export function parseSecondFactorCode(typed: string): ParsedCode {
  const compact = typed.replace(/[\s-]/g, "").toUpperCase();
  if (compact.length === 0) return { kind: "invalid", message: "Enter the 6-digit code from your authenticator app, or one of your recovery codes." };
  if (/^\d+$/.test(compact)) {
    if (compact.length === TOTP_DIGITS) return { kind: "totp", code: compact };
    if (compact.length !== 10) return { kind: "invalid", message: `The code from your authenticator app has ${TOTP_DIGITS} digits; this one has ${compact.length}.` };
  }
  if (compact.length === 10 && [...compact].every((c) => RECOVERY_ALPHABET.includes(c))) return { kind: "recovery", code: compact };
  return {
    kind: "invalid",
    message: `A code from your authenticator app has ${TOTP_DIGITS} digits and no letters; a recovery code has 10 letters and digits (like ABCDE-12345). Check what you typed.`,
  };
}

/** A recovery code as shown to the person. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
