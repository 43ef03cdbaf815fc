export { expectNoSeriousA11yViolations } from "./a11y";
export { signIn } from "./auth";
