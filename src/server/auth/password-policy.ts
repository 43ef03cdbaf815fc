import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { passwordProblem } from "@/domain/identity";

/**
 * The common/breached password list checked in at data/common-passwords.txt
 * (scripts/common-passwords.mjs), read once per server process: offline, and
 * no password ever leaves the server to be checked (decision 025).
 */
let common: Set<string> | undefined;
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(path.join(process.cwd(), "data", "common-passwords.txt"), "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => line.toLowerCase()),
  );
  return common;
}

export function newPasswordProblem(password: string, account: { email?: string; name?: string } = {}): string | null {
  const list = commonPasswords();
  return passwordProblem(password, { ...account, isCommon: (p) => list.has(p) });
}
