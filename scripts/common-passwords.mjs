// Writes data/common-passwords.txt: the ranked common-password list of
// @zxcvbn-ts/language-common (itself drawn from public breach corpora), only
// the entries of 8 or more characters (shorter ones fail the length rule
// anyway). Run by hand after upgrading that package; the output is checked in
// so that the check works offline and its data is reviewed (decision 025).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const list = require("@zxcvbn-ts/language-common/dist/passwords.json.cjs");
const entries = (list.default ?? list).filter((p) => p.length >= 8);
const header = [
  "# Common and breached passwords of 8 or more characters, most common first.",
  "# From the ranked list of @zxcvbn-ts/language-common 4.1.3 (MIT), itself from a well-known",
  "# list of the most common passwords in public breaches. Regenerate with scripts/common-passwords.mjs.",
];
writeFileSync("data/common-passwords.txt", [...header, ...entries].join("\n") + "\n");
console.log(`${entries.length} passwords written`);
