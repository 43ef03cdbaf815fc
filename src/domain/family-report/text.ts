import type { RecommendationKind } from "@/domain/progress/recommend";
import { reportIntl, type ReportIntl, type ReportLanguage, type ReportLocale } from "./i18n";

// The family progress report's words, written once for the printable page
// and the PDF (as the referral packet's are, decision 016): plain language,
// short sentences, no acronyms, in the report's language. The numbers come
// from the existing decision support (recommend(), via the goal graph);
// this only puts them into words.

export interface FamilyReportMeasure {
  /** A DEFAULT_MEASURES key has family words in the catalogues; a district's own measure does not. */
  key: string;
  name: string;
  unit: string;
  phrase: string;
  direction: "higher" | "lower";
  decimals: number;
}

export interface FamilyReportGoal {
  measure: FamilyReportMeasure;
  baseline: number;
  baselineDate: string;
  target: number;
  targetDate: string;
  /** Valid probes, in date order. */
  points: { date: string; score: number }[];
  recommendation: {
    kind: RecommendationKind;
    trendSufficient: boolean;
    trendSlopePerWeek?: number;
    aimlineSlopePerWeek: number;
    projectedValue?: number;
  };
  /** Whether the graph draws phase lines and tier markers (their key lines are then shown). */
  hasPhaseLines: boolean;
  hasTierLines: boolean;
}

export interface FamilyReportInput {
  today: string;
  language: ReportLanguage;
  /** `name`: the name the student goes by with the family name (headings); `firstName`: the sentences'. */
  student: { name: string; firstName: string; grade: string; schoolName: string };
  /** The guardian the report is for; null when the student has none on record. */
  recipient: { name: string } | null;
  plan: {
    area: string;
    /** The library intervention's name, or null for a custom one. */
    interventionName: string | null;
    /** The plan's title (the custom intervention's words when there is no library one). */
    title: string;
    sessionsPerWeek: number;
    minutesPerSession: number;
    groupSize: number;
    interventionists: string[];
    startDate: string;
    reviewDate: string;
    /** The library's at-home text per language (blank: none written). */
    atHome: { en: string; es: string };
  };
  goals: FamilyReportGoal[];
}

export interface FamilyReportGoalText {
  heading: string;
  sentence: string;
  facts: [string, string][];
  checkCount: string;
  trend: string[];
  nextStep: string;
  graphTitle: string;
  graphSummary: string;
  graphKey: string[];
  tableCaption: string;
  tableHead: [string, string];
  /** The latest checks, newest first. */
  table: [string, string][];
  /** Parts of this goal shown in English in a report in another language (a district's own measure). */
  inEnglish: boolean;
}

export interface FamilyReportText {
  /** The language the report is written in (the page's and the PDF's `lang`). */
  lang: ReportLocale;
  documentTitle: string;
  title: string;
  subtitle: string;
  greeting: string;
  intro: string;
  /** The email the report is attached to, when it is emailed (decision 038): in the report's language. */
  email: { subject: string; body: string };
  /** Why the report is (partly) in English, when it is: shown at the top. */
  notices: string[];
  schoolHeading: string;
  school: string[];
  howHeading: string;
  noGoals: string | null;
  checksExplained: string;
  goals: FamilyReportGoalText[];
  atHomeHeading: string;
  atHome: { text: string; lang: ReportLocale; note: string | null };
  questionsHeading: string;
  questions: string;
  glossaryHeading: string;
  glossary: string[];
  footer: string;
}

/** How many checks the table lists (the graph shows them all). */
export const TABLE_CHECKS = 8;

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

/** "72 words a minute", "72 palabras por minuto"; a district's own measure: "72 WCPM" with its own unit. */
function valueText(i: ReportIntl, m: FamilyReportMeasure, v: number): string {
  const n = round(v, m.decimals);
  const key = `measures.${m.key}.value`;
  if (i.has(key)) return i.t(key, { n });
  return `${new Intl.NumberFormat(i.locale).format(n)} ${m.unit}`;
}

/** The pace in the measure's good direction: positive is better, whichever way the measure counts. */
const better = (m: FamilyReportMeasure, slope: number) => (m.direction === "higher" ? slope : -slope);

/** The trend in words, from the decision support's numbers (never recomputed here). */
export function trendWords(i: ReportIntl, name: string, g: FamilyReportGoal): string[] {
  const r = g.recommendation;
  if (!r.trendSufficient || r.trendSlopePerWeek === undefined) return [i.t("trendTooFew", { name })];
  const step = 10 ** -(g.measure.decimals + 1);
  const pace = better(g.measure, r.trendSlopePerWeek);
  const needed = better(g.measure, r.aimlineSlopePerWeek);
  // A pace that rounds to nothing at the measure's precision is no improvement.
  const words = pace < step / 2 ? i.t("trendFlat", { name }) : pace >= needed ? i.t("trendOnPace", { name }) : i.t("trendSlower", { name });
  const out = [words];
  if (r.projectedValue !== undefined) out.push(i.t("projection", { name, value: valueText(i, g.measure, r.projectedValue), date: i.day(g.targetDate) }));
  return out;
}

function goalText(i: ReportIntl, name: string, g: FamilyReportGoal): FamilyReportGoalText {
  const m = g.measure;
  const known = i.has(`measures.${m.key}.what`);
  const what = known ? i.t(`measures.${m.key}.what`) : m.name;
  const latest = g.points.at(-1);
  const target = round(g.target, m.decimals);
  const keyLines = [
    i.t("graphKey.dots"),
    i.t("graphKey.aimline"),
    ...(g.recommendation.trendSufficient ? [i.t("graphKey.trend")] : []),
    ...(g.hasPhaseLines ? [i.t("graphKey.phase")] : []),
    ...(g.hasTierLines ? [i.t("graphKey.tier")] : []),
  ];
  const table = g.points
    .slice(-TABLE_CHECKS)
    .reverse()
    .map((p): [string, string] => [i.shortDay(p.date), valueText(i, m, p.score)]);
  return {
    heading: i.t("goalHeading", { what }),
    sentence: known
      ? i.t("goalSentence", { date: i.day(g.targetDate), name, goal: i.t(`measures.${m.key}.goal`, { n: target }) })
      : i.t("goalSentenceOther", { date: i.day(g.targetDate), name, target: valueText(i, m, g.target), phrase: m.phrase.replace("{n}", String(target)) }),
    facts: [
      [i.t("start"), i.t("valueOn", { value: valueText(i, m, g.baseline), date: i.day(g.baselineDate) })],
      [i.t("latest"), latest ? i.t("valueOn", { value: valueText(i, m, latest.score), date: i.day(latest.date) }) : i.t("noChecksYet")],
      [i.t("target"), i.t("valueBy", { value: valueText(i, m, g.target), date: i.day(g.targetDate) })],
    ],
    checkCount: i.t("checkCount", { count: g.points.length }),
    trend: trendWords(i, name, g),
    nextStep: i.t(`nextStep.${g.recommendation.kind}`, { name }),
    graphTitle: i.t("graphTitle", { name }),
    graphSummary: i.t("graphSummary", {
      what,
      count: g.points.length,
      latest: latest ? i.t("graphSummaryLatest", { value: valueText(i, m, latest.score), date: i.day(latest.date) }) : "",
      target: valueText(i, m, g.target),
      date: i.day(g.targetDate),
    }),
    graphKey: keyLines,
    tableCaption: i.t("tableCaption", { count: table.length }),
    tableHead: [i.t("tableDate"), i.t("tableScore")],
    table,
    inEnglish: !known && i.locale !== "en",
  };
}

/** The whole report in its language: every sentence the page and the PDF print. */
export function familyReportText(input: FamilyReportInput): FamilyReportText {
  const i = reportIntl(input.language.locale);
  const { student: s, plan: p } = input;
  const name = s.firstName;
  const area = i.t(`areas.${p.area}`);
  const goals = input.goals.map((g) => goalText(i, name, g));

  const localAtHome = i.locale === "en" ? p.atHome.en : (p.atHome as Record<string, string>)[i.locale] ?? "";
  const atHome = localAtHome.trim()
    ? { text: localAtHome.trim(), lang: i.locale, note: null }
    : p.atHome.en.trim()
      ? { text: p.atHome.en.trim(), lang: "en" as const, note: i.t("atHomeInEnglish") }
      : { text: i.t("atHomeNone"), lang: i.locale, note: null };

  const notices: string[] = [];
  if (input.language.fallbackFrom) notices.push(i.t("fallbackNotice", { language: input.language.fallbackFrom }));
  if (atHome.lang !== i.locale || goals.some((g) => g.inEnglish)) notices.push(i.t("partlyEnglish"));

  const started = p.startDate <= input.today;
  const school = [
    p.interventionName ? i.t("program", { name, area, program: p.interventionName }) : i.t("programCustom", { name, area, program: p.title }),
    i.t("dosage", {
      sessions: p.sessionsPerWeek,
      minutes: p.minutesPerSession,
      group: p.groupSize <= 1 ? i.t("groupAlone") : i.t("groupSmall", { size: p.groupSize }),
    }),
    ...(p.interventionists.length ? [i.t("with", { names: i.list(p.interventionists) })] : []),
    started ? i.t("started", { date: i.day(p.startDate) }) : i.t("startsLater", { date: i.day(p.startDate) }),
    ...(p.reviewDate >= input.today ? [i.t("review", { date: i.day(p.reviewDate) })] : []),
  ];

  return {
    lang: i.locale,
    documentTitle: i.t("documentTitle"),
    title: i.t("title", { name: s.name }),
    subtitle: i.t("subtitle", { name: s.name, grade: i.t(`grades.${s.grade}`), school: s.schoolName, date: i.day(input.today) }),
    greeting: input.recipient ? i.t("greeting", { recipient: input.recipient.name }) : i.t("greetingFamily", { name }),
    intro: i.t("intro", { name }),
    email: { subject: i.t("emailSubject", { name, school: s.schoolName }), body: i.t("emailBody", { name, school: s.schoolName }) },
    notices,
    schoolHeading: i.t("whatSchoolDoes"),
    school,
    howHeading: i.t("howItGoes"),
    noGoals: goals.length ? null : i.t("noGoals"),
    checksExplained: i.t("checksExplained"),
    goals,
    atHomeHeading: i.t("atHomeHeading"),
    atHome,
    questionsHeading: i.t("questionsHeading"),
    questions: i.t("questions", { school: s.schoolName }),
    glossaryHeading: i.t("glossaryHeading"),
    glossary: [i.t("glossaryCheck"), i.t("glossaryGoal", { name }), i.t("glossaryTrend")],
    footer: i.t("footer", { name: s.name, date: i.day(input.today) }),
  };
}

/** The PDF's page numbers, in the report's language. */
export const pageNumberText = (locale: ReportLocale, page: number, pages: number) => reportIntl(locale).t("page", { page, pages });
