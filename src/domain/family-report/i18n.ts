import { createFormatter, createTranslator } from "use-intl/core";
import en from "../../../messages/en.json";
import es from "../../../messages/es.json";

// The family progress report's languages (issue 19, decision 032): one
// catalogue per language, checked in as messages/<locale>.json and written
// by people; nothing is translated by a machine at run time. Only the report
// is translated: the staff UI stays English.

export const REPORT_LOCALES = ["en", "es"] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

/** Every catalogue, by locale (English is the fallback). */
export const CATALOGUES: Readonly<Record<ReportLocale, Record<string, unknown>>> = { en, es };

/** The language a report is written in, and the guardian's language when it has no catalogue (the report then says so). */
export interface ReportLanguage {
  locale: ReportLocale;
  /** The guardian's preferred language as recorded, when the report falls back to English for want of its catalogue; null otherwise. */
  fallbackFrom: string | null;
}

// Guardian.preferredLanguage is free text (typed on the student form or
// imported from a roster): the names and codes people write for each
// catalogue's language, compared without case or accents.
const NAMES: Readonly<Record<string, ReportLocale>> = {
  english: "en",
  en: "en",
  eng: "en",
  ingles: "en",
  spanish: "es",
  es: "es",
  spa: "es",
  espanol: "es",
  castellano: "es",
  castilian: "es",
};

const fold = (s: string) => s.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase();

/**
 * The report's language for a guardian's preferred language: "Spanish",
 * "español", "es-MX" and "Spanish (Mexico)" are Spanish; blank is English;
 * a language with no catalogue ("Vietnamese") is English with `fallbackFrom`
 * set, so the report can say why it is in English.
 */
export function reportLanguageOf(preferred: string | null | undefined): ReportLanguage {
  const text = preferred?.trim() ?? "";
  if (!text) return { locale: "en", fallbackFrom: null };
  // The first word or tag part: "Spanish (Mexico)", "es-MX", "Español / Spanish".
  const head = fold(text).split(/[\s(/,;_-]+/)[0] ?? "";
  const locale = NAMES[head];
  return locale ? { locale, fallbackFrom: null } : { locale: "en", fallbackFrom: text.slice(0, 60) };
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface ReportIntl {
  locale: ReportLocale;
  t: Translate;
  /** Whether the catalogue has this key (a district's own measure has none). */
  has: (key: string) => boolean;
  /** A calendar day (yyyy-mm-dd) as the language writes it: "March 12, 2027", "12 de marzo de 2027". */
  day: (iso: string) => string;
  /** A short day for tables: "3/12/2027", "12/3/2027". */
  shortDay: (iso: string) => string;
  /** A list of names joined as the language does: "A, B and C", "A, B y C". */
  list: (items: readonly string[]) => string;
}

/**
 * The translator and formatters of one language (use-intl, the core of
 * next-intl: ICU messages, numbers and dates through Intl). A key missing
 * from the catalogue throws instead of printing its name, so a gap is found
 * by the tests, not by a family.
 */
export function reportIntl(locale: ReportLocale): ReportIntl {
  let intl = INTL.get(locale);
  if (!intl) {
    intl = makeReportIntl(locale);
    INTL.set(locale, intl);
  }
  return intl;
}

// One translator per language for the life of the process (decision 051).
// use-intl parses each ICU message the first time a translator formats it and
// keeps the parsed message in that translator's cache; a translator made per
// report parsed the whole catalogue again for every report and for every
// "Page n of N" the PDF drew, about a tenth of a family report PDF's cost.
// What is kept is the catalogue's parsed messages and Intl formatters only,
// never a report's values (they are passed to each call).
const INTL = new Map<ReportLocale, ReportIntl>();

function makeReportIntl(locale: ReportLocale): ReportIntl {
  const translator = createTranslator({
    locale,
    messages: CATALOGUES[locale] as typeof en,
    namespace: "familyReport",
    onError: (error) => {
      throw error;
    },
  });
  const format = createFormatter({ locale, timeZone: "UTC" });
  const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
  return {
    locale,
    t: (key, values) => (translator as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values),
    has: (key) => (translator as unknown as { has: (k: string) => boolean }).has(key),
    day: (iso) => format.dateTime(at(iso), { year: "numeric", month: "long", day: "numeric" }),
    shortDay: (iso) => format.dateTime(at(iso), { year: "numeric", month: "numeric", day: "numeric" }),
    list: (items) => format.list(items, { type: "conjunction" }),
  };
}
