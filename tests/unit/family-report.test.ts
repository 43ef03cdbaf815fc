// The family progress report's languages and words (src/domain/family-report):
// the catalogues are complete, a guardian's language picks the catalogue or
// falls back to English saying so, and the sentences are plain and formatted
// for the language.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUES, REPORT_LOCALES, reportIntl, reportLanguageOf } from "@/domain/family-report/i18n";
import { familyReportText, type FamilyReportInput } from "@/domain/family-report/text";
import { DEFAULT_MEASURES } from "@/domain/measures";
import { DEMO_AT_HOME } from "../../prisma/seed/at-home";
import { DEMO_LIBRARY } from "../../prisma/seed/library";

/** Every leaf key of a catalogue, dotted ("familyReport.measures.orf_wcpm.goal"). */
function keysOf(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

/** The ICU arguments a message uses ("{name}", "{n, number}", "{count, plural, ...}"), sorted. */
function argumentsOf(message: string): string[] {
  // Plural branches' plain text ("=1 {word} other {words}") is not an argument.
  const bare = message.replace(/(=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\}/g, "");
  return [...new Set([...bare.matchAll(/\{\s*([A-Za-z]\w*)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

const messagesDir = path.join(__dirname, "../../messages");

describe("catalogues", () => {
  const en = CATALOGUES.en;
  const enKeys = keysOf(en).sort();

  it("has a catalogue file for every report language and no other", () => {
    expect(readdirSync(messagesDir).sort()).toEqual(REPORT_LOCALES.map((l) => `${l}.json`).sort());
  });

  it.each(REPORT_LOCALES)("%s has every message key English has, and no other", (locale) => {
    expect(keysOf(CATALOGUES[locale]).sort()).toEqual(enKeys);
  });

  it.each(REPORT_LOCALES)("%s's messages take the same arguments as English's and are not empty", (locale) => {
    const flat = (cat: unknown) => Object.fromEntries(keysOf(cat).map((k) => [k, k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], cat) as string]));
    const mine = flat(CATALOGUES[locale]);
    for (const [key, message] of Object.entries(flat(en))) {
      expect(mine[key]!.trim(), key).not.toBe("");
      expect(argumentsOf(mine[key]!), key).toEqual(argumentsOf(message));
    }
  });

  it("the Spanish catalogue is not the English one copied", () => {
    const same = keysOf(en).filter((k) => k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], en) === k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], CATALOGUES.es));
    // Grade numbers are the same in both languages; nothing else is.
    expect(same.every((k) => /^familyReport\.grades\.G\d+$/.test(k))).toBe(true);
  });

  it("has family words for every default measure", () => {
    for (const m of DEFAULT_MEASURES) for (const part of ["what", "value", "goal"]) expect(reportIntl("es").has(`measures.${m.key}.${part}`), `${m.key}.${part}`).toBe(true);
  });

  it("the files are the catalogues the code reads", () => {
    for (const l of REPORT_LOCALES) expect(JSON.parse(readFileSync(path.join(messagesDir, `${l}.json`), "utf8"))).toEqual(CATALOGUES[l]);
  });

  it("every demo intervention has at-home text in English and Spanish", () => {
    for (const entry of DEMO_LIBRARY) {
      expect(DEMO_AT_HOME[entry.name]?.en.trim(), entry.name).toBeTruthy();
      expect(DEMO_AT_HOME[entry.name]?.es.trim(), entry.name).toBeTruthy();
      expect(DEMO_AT_HOME[entry.name]!.es).not.toBe(DEMO_AT_HOME[entry.name]!.en);
    }
  });
});

describe("reportLanguageOf", () => {
  it.each([
    ["Spanish", "es"],
    ["spanish", "es"],
    ["Español", "es"],
    ["espanol", "es"],
    ["es-MX", "es"],
    ["Spanish (Mexico)", "es"],
    ["English", "en"],
    ["en", "en"],
  ])("%s -> %s", (text, locale) => {
    expect(reportLanguageOf(text)).toEqual({ locale, fallbackFrom: null });
  });

  it("blank or unknown is English; a language with no catalogue says which", () => {
    expect(reportLanguageOf(null)).toEqual({ locale: "en", fallbackFrom: null });
    expect(reportLanguageOf("  ")).toEqual({ locale: "en", fallbackFrom: null });
    expect(reportLanguageOf("Vietnamese")).toEqual({ locale: "en", fallbackFrom: "Vietnamese" });
    expect(reportLanguageOf("Somali ")).toEqual({ locale: "en", fallbackFrom: "Somali" });
  });
});

describe("formatting per language", () => {
  it("writes dates as the language does", () => {
    expect(reportIntl("en").day("2027-03-12")).toBe("March 12, 2027");
    expect(reportIntl("es").day("2027-03-12")).toBe("12 de marzo de 2027");
    expect(reportIntl("en").shortDay("2027-03-02")).toBe("3/2/2027");
    expect(reportIntl("es").shortDay("2027-03-02")).toBe("2/3/2027");
  });

  it("writes numbers as the language does", () => {
    expect(reportIntl("en").t("measures.attendance_rate.value", { n: 1234.5 })).toBe("1,234.5% of days");
    expect(reportIntl("es").t("measures.attendance_rate.value", { n: 92.5 })).toBe("92,5 % de los días");
    expect(reportIntl("es").t("measures.orf_wcpm.value", { n: 1 })).toBe("1 palabra por minuto");
    expect(reportIntl("es").t("measures.orf_wcpm.value", { n: 72 })).toBe("72 palabras por minuto");
  });

  it("joins names as the language does", () => {
    expect(reportIntl("en").list(["Jordan Lee", "Sam Ortiz", "Ana Ruiz"])).toBe("Jordan Lee, Sam Ortiz, and Ana Ruiz");
    expect(reportIntl("es").list(["Jordan Lee", "Sam Ortiz"])).toBe("Jordan Lee y Sam Ortiz");
  });
});

const orf = DEFAULT_MEASURES.find((m) => m.key === "orf_wcpm")!;
const base: FamilyReportInput = {
  today: "2026-12-05",
  language: { locale: "en", fallbackFrom: null },
  student: { name: "Maya Lopez", firstName: "Maya", grade: "G3", schoolName: "Maple Valley Elementary" },
  recipient: { name: "Rosa Lopez" },
  plan: {
    area: "READING",
    interventionName: "Read Naturally",
    title: "Read Naturally",
    sessionsPerWeek: 3,
    minutesPerSession: 30,
    groupSize: 4,
    interventionists: ["Jordan Lee"],
    startDate: "2026-09-14",
    reviewDate: "2027-01-12",
    atHome: { en: "Read together every day.", es: "Lean juntos todos los días." },
  },
  goals: [
    {
      measure: { ...orf, decimals: orf.decimals },
      baseline: 41,
      baselineDate: "2026-09-10",
      target: 72,
      targetDate: "2027-03-12",
      points: [
        { date: "2026-09-17", score: 43 },
        { date: "2026-09-24", score: 45 },
        { date: "2026-10-01", score: 44 },
        { date: "2026-10-08", score: 48 },
        { date: "2026-10-15", score: 50 },
        { date: "2026-10-22", score: 51 },
      ],
      recommendation: { kind: "continue", trendSufficient: true, trendSlopePerWeek: 1.5, aimlineSlopePerWeek: 1.2, projectedValue: 78.4 },
      hasPhaseLines: false,
      hasTierLines: false,
    },
  ],
};

describe("familyReportText", () => {
  it("says what the school does in family terms", () => {
    const r = familyReportText(base);
    expect(r.lang).toBe("en");
    expect(r.title).toBe("How Maya Lopez is doing");
    expect(r.greeting).toBe("Dear Rosa Lopez,");
    expect(r.school).toEqual([
      "Maya gets extra help in reading. The program is called Read Naturally.",
      "3 times a week for 30 minutes, in a small group of 4 students.",
      "The help is given by Jordan Lee.",
      "This help started on September 14, 2026.",
      "The school team will look at the progress again on January 12, 2027.",
    ]);
    expect(r.notices).toEqual([]);
  });

  it("uses once, twice and one to one where they fit", () => {
    const one = familyReportText({ ...base, plan: { ...base.plan, sessionsPerWeek: 1, groupSize: 1 } });
    expect(one.school[1]).toBe("Once a week for 30 minutes, one to one with an adult.");
    const two = familyReportText({ ...base, language: { locale: "es", fallbackFrom: null }, plan: { ...base.plan, sessionsPerWeek: 2 } });
    expect(two.school[1]).toBe("2 veces por semana, 30 minutos cada vez, en un grupo pequeño de 4 alumnos.");
  });

  it("states the goal, where the student started and stands, and the trend in words", () => {
    const g = familyReportText(base).goals[0]!;
    expect(g.heading).toBe("Goal: reading aloud (words read correctly in one minute)");
    expect(g.sentence).toBe("The goal is that by March 12, 2027, Maya will read 72 words correctly in one minute.");
    expect(g.facts).toEqual([
      ["At the start", "41 words a minute on September 10, 2026"],
      ["Latest check", "51 words a minute on October 22, 2026"],
      ["Goal", "72 words a minute by March 12, 2027"],
    ]);
    expect(g.checkCount).toBe("6 checks so far.");
    expect(g.trend).toEqual(["Maya is improving at the pace needed to reach the goal, or faster.", "If progress goes on like this, Maya will reach about 78 words a minute by March 12, 2027."]);
    expect(g.nextStep).toBe("The help is working. The school will keep going with it.");
    expect(g.table[0]).toEqual(["10/22/2026", "51 words a minute"]);
    expect(g.graphSummary).toBe("Graph of reading aloud (words read correctly in one minute): 6 checks, the latest 51 words a minute on October 22, 2026; the goal is 72 words a minute by March 12, 2027.");
  });

  it("tells slower, flat and too-few-checks apart, whichever way the measure counts", () => {
    const withRec = (rec: Partial<FamilyReportInput["goals"][number]["recommendation"]>, over: Partial<FamilyReportInput["goals"][number]> = {}) =>
      familyReportText({ ...base, goals: [{ ...base.goals[0]!, ...over, recommendation: { ...base.goals[0]!.recommendation, ...rec } }] }).goals[0]!.trend[0];
    expect(withRec({ trendSlopePerWeek: 0.6 })).toBe("Maya is improving, but more slowly than needed to reach the goal.");
    expect(withRec({ trendSlopePerWeek: -0.2 })).toBe("Maya's scores are not improving yet.");
    expect(withRec({ trendSufficient: false, trendSlopePerWeek: undefined })).toBe("We need a few more checks before we can see how fast Maya is growing.");
    const tardy = DEFAULT_MEASURES.find((m) => m.key === "minutes_tardy_per_week")!;
    // Lower is better: falling faster than the aimline falls is on pace.
    expect(withRec({ trendSlopePerWeek: -5, aimlineSlopePerWeek: -3 }, { measure: tardy })).toBe("Maya is improving at the pace needed to reach the goal, or faster.");
    expect(withRec({ trendSlopePerWeek: 2, aimlineSlopePerWeek: -3 }, { measure: tardy })).toBe("Maya's scores are not improving yet.");
  });

  it("writes the whole report in Spanish for a Spanish-speaking guardian", () => {
    const r = familyReportText({ ...base, language: reportLanguageOf("Spanish") });
    expect(r.lang).toBe("es");
    expect(r.title).toBe("Cómo le va a Maya Lopez");
    expect(r.school[0]).toBe("Maya recibe ayuda adicional en lectura. El programa se llama Read Naturally.");
    expect(r.school[1]).toBe("3 veces por semana, 30 minutos cada vez, en un grupo pequeño de 4 alumnos.");
    expect(r.goals[0]!.sentence).toBe("La meta es que para el 12 de marzo de 2027, Maya pueda leer 72 palabras correctamente en un minuto.");
    expect(r.goals[0]!.trend[0]).toBe("Maya está mejorando al ritmo necesario para llegar a la meta, o más rápido.");
    expect(r.atHome).toEqual({ text: "Lean juntos todos los días.", lang: "es", note: null });
    expect(r.notices).toEqual([]);
  });

  it("falls back to English, and says so, for a language with no catalogue", () => {
    const r = familyReportText({ ...base, language: reportLanguageOf("Vietnamese") });
    expect(r.lang).toBe("en");
    expect(r.notices).toEqual(["This report is in English because we do not have reports in Vietnamese yet. You can ask the school for an interpreter. It is free."]);
  });

  it("shows the English at-home text, and says so, when it has no translation", () => {
    const r = familyReportText({ ...base, language: reportLanguageOf("es"), plan: { ...base.plan, atHome: { en: "Read together every day.", es: "" } } });
    expect(r.atHome).toEqual({ text: "Read together every day.", lang: "en", note: "Esta parte está en inglés porque todavía no se ha traducido." });
    expect(r.notices).toEqual(["Algunas partes de este informe están en inglés porque todavía no se han traducido."]);
    const none = familyReportText({ ...base, plan: { ...base.plan, atHome: { en: "", es: "" } } });
    expect(none.atHome.text).toBe("The school has not written ideas for home for this program yet. Please ask the teacher what would help.");
  });

  it("has no acronyms in what it writes to families", () => {
    for (const locale of REPORT_LOCALES) {
      const r = familyReportText({ ...base, language: { locale, fallbackFrom: null } });
      const words = [r.title, r.subtitle, r.intro, ...r.school, ...r.goals.flatMap((g) => [g.heading, g.sentence, ...g.facts.flat(), ...g.trend, g.nextStep, ...g.graphKey]), r.questions, ...r.glossary].join(" ");
      expect(words.match(/\b[A-Z]{2,}\b/g) ?? []).toEqual([]);
    }
  });

  it("keeps sentences short", () => {
    const r = familyReportText({ ...base, language: { locale: "es", fallbackFrom: null } });
    const sentences = [r.intro, ...r.school, ...r.goals.flatMap((g) => [g.sentence, ...g.trend, g.nextStep]), r.questions].flatMap((t) => t.split(/(?<=[.:])\s+/));
    for (const s of sentences) expect(s.split(/\s+/).length, s).toBeLessThanOrEqual(25);
  });
});
