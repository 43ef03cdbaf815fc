import { z } from "zod";
import { RULE_PRECEDENCES, SETTING_BOUNDS, TREND_METHODS, type DistrictSettings, type RulePrecedence, type TrendMethod } from "@/domain/settings";
import { PACKET_RULE_BOUNDS, type PacketRules } from "@/domain/iep504/readiness";
import { isTimeZone } from "@/domain/time-zone";
import { SESSION_BOUNDS } from "@/domain/identity";

type NumberSetting = keyof typeof SETTING_BOUNDS;

/** Each setting's label and the one line that says what it does, for the form. */
export const SETTING_TEXT: Readonly<Record<keyof DistrictSettings, { label: string; hint: string }>> = {
  dosageThreshold: {
    label: "Dosage threshold (%)",
    hint: "A plan whose delivered minutes fall below this share of the planned minutes is flagged, and its data cannot show non-response yet.",
  },
  fidelityThreshold: {
    label: "Fidelity threshold (%)",
    hint: "Sessions that delivered fewer than this share of the plan's components are flagged as low fidelity.",
  },
  fourPointRulePoints: {
    label: "Points for the four-point rule",
    hint: "This many consecutive probes above the aimline suggest raising the goal; as many below suggest changing instruction.",
  },
  trendMinPoints: {
    label: "Minimum points for a trend",
    hint: "The trend line is drawn and compared with the aimline only once a goal has at least this many probes.",
  },
  trendMethod: {
    label: "Trend method",
    hint: "How the trend line through a goal's probes is drawn.",
  },
  rulePrecedence: {
    label: "When the rules disagree",
    hint: "Once a goal has enough probes for both rules, they can point different ways (the latest points below the aimline, the trend still reaching the target). The recommendation follows the rule chosen here and says why the other was overridden.",
  },
};

export const RULE_PRECEDENCE_TEXT: Readonly<Record<RulePrecedence, { label: string; description: string }>> = {
  TREND_FIRST: {
    label: "The trend rule decides (recommended)",
    description: "It uses every probe since the baseline or the last plan change; decisions from a few probes are the less reliable ones.",
  },
  FOUR_POINT_FIRST: {
    label: "The four-point rule decides",
    description: "It reacts to the most recent probes only: quicker to change instruction after a slide, quicker to mistake a bad week for one.",
  },
};

export const TREND_METHOD_TEXT: Readonly<Record<TrendMethod, { label: string; description: string }>> = {
  OLS: { label: "Ordinary least squares", description: "Fits a line through every probe by date." },
  TUKEY: {
    label: "Tukey's three-group median method",
    description: "Joins the medians of the first and last thirds of the probes, so one unusual probe moves it less.",
  },
};

/** A whole number typed in a form, within a setting's bounds. */
const wholeIn = ({ min, max }: { min: number; max: number }) => {
  const message = `Enter a whole number from ${min} to ${max}.`;
  return z
    .string({ error: message })
    .trim()
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= min && Number(v) <= max, message)
    .transform(Number);
};
const whole = (field: NumberSetting) => wholeIn(SETTING_BOUNDS[field]);

// `version` is the updatedAt of the row the form was filled from ("" when the
// district still has the defaults): a save over someone else's newer one is refused.
export const ZUpdateDistrictSettingsInput = z
  .object({
    version: z.string().max(40),
    dosageThreshold: whole("dosageThreshold"),
    fidelityThreshold: whole("fidelityThreshold"),
    fourPointRulePoints: whole("fourPointRulePoints"),
    trendMinPoints: whole("trendMinPoints"),
    trendMethod: z.enum(TREND_METHODS, { error: "Choose the trend method." }),
    rulePrecedence: z.enum(RULE_PRECEDENCES, { error: "Choose which rule decides when they disagree." }),
  })
  .strict();
export type TUpdateDistrictSettingsInput = z.infer<typeof ZUpdateDistrictSettingsInput>;

/** The district's time zone (src/domain/time-zone.ts): an IANA zone of a place. */
export const ZUpdateTimeZoneInput = z
  .object({
    timeZone: z
      .string({ error: "Choose the district's time zone." })
      .trim()
      .min(1, "Choose the district's time zone.")
      .max(64, "Choose a time zone from the list.")
      .refine(isTimeZone, "Choose a time zone from the list (a place such as America/Chicago)."),
  })
  .strict();
export type TUpdateTimeZoneInput = z.infer<typeof ZUpdateTimeZoneInput>;

type PacketNumber = keyof typeof PACKET_RULE_BOUNDS;

/** The referral packet checklist's fields, labelled as the form shows them. */
export const PACKET_RULE_TEXT: Readonly<Record<keyof PacketRules, { label: string; hint: string }>> = {
  minInterventions: { label: "Interventions on record", hint: "Plans that have started (drafts do not count)." },
  minDataPoints: { label: "Data points in each intervention", hint: "Valid progress-monitoring probes on the student's goals of each plan." },
  minFidelity: { label: "Fidelity in each intervention (%)", hint: "Components delivered since the plan's start." },
  requireGuardiansInformed: {
    label: "Guardians informed",
    hint: "A guardian on the student's record, and the referral's consent request (or consent) recorded.",
  },
};

const packetWhole = (field: PacketNumber) => wholeIn(PACKET_RULE_BOUNDS[field]);

// A checkbox sends "on" when ticked and nothing when not (forms work without JavaScript).
export const ZPacketRulesInput = z
  .object({
    minInterventions: packetWhole("minInterventions"),
    minDataPoints: packetWhole("minDataPoints"),
    minFidelity: packetWhole("minFidelity"),
    requireGuardiansInformed: z.literal("on").optional(),
  })
  .strict();
export type TPacketRulesInput = z.infer<typeof ZPacketRulesInput>;

/** As wholeIn, for bounds past 999 (a day has 1440 minutes). */
const wholeUpTo4Digits = ({ min, max }: { min: number; max: number }) => {
  const message = `Enter a whole number from ${min} to ${max}.`;
  return z
    .string({ error: message })
    .trim()
    .refine((v) => /^\d{1,4}$/.test(v) && Number(v) >= min && Number(v) <= max, message)
    .transform(Number);
};

/** How long sessions last in the district (decision 025): idle minutes and absolute hours within SESSION_BOUNDS. */
export const ZSessionLimitsInput = z
  .object({
    sessionIdleMinutes: wholeUpTo4Digits(SESSION_BOUNDS.idleMinutes),
    sessionAbsoluteHours: wholeUpTo4Digits(SESSION_BOUNDS.absoluteHours),
  })
  .strict();

/** "Everyone needs a second factor" (decision 033): a checkbox, sent only when ticked. */
export const ZTwoFactorRequirementInput = z.object({ requireTwoFactor: z.literal("on").optional() }).strict();
