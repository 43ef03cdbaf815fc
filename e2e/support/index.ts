export { expectNoSeriousA11yViolations } from "./a11y";
export { signIn } from "./auth";
export { expectNoHorizontalOverflow, mainMenuLink, PHONE, PHONE_WIDTH } from "./phone";
export { freshTotpCode, rememberTotpSecret, totpSecretOf } from "./totp";
export { openRecordSection } from "./record";
