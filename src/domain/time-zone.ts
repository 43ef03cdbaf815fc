/**
 * A district's time zone: the IANA zone its times are shown in (a district
 * setting; issue 13). Moments (when something was recorded) are shown in it
 * with the zone's short name ("3:05 PM CST"), never in UTC; calendar dates
 * (a plan's start, a probe's day) are dates, not moments, and are not shifted.
 */

export const DEFAULT_TIME_ZONE = "America/Chicago";

/**
 * An IANA zone of a region ("America/Chicago", "Pacific/Honolulu"): one the
 * runtime knows, written Area/Location. Bare abbreviations and offsets ("UTC",
 * "CST", "EST5EDT", "Etc/GMT+6") are refused: a school sits in a place, and
 * a place's zone follows its daylight-saving rules.
 */
export function isTimeZone(value: string): boolean {
  if (!/^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z0-9_+\-/]+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zone to use: the district's when it is one, else the default (a bad stored value must not break every page). */
export const zoneOrDefault = (zone: string | null | undefined) => (zone && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE);

const formats = new Map<string, { moment: Intl.DateTimeFormat; day: Intl.DateTimeFormat; iso: Intl.DateTimeFormat; weekdayTime: Intl.DateTimeFormat }>();
function formatsOf(zone: string) {
  let f = formats.get(zone);
  if (!f) {
    f = {
      moment: new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit", timeZoneName: "short" }),
      day: new Intl.DateTimeFormat("en-US", { timeZone: zone, dateStyle: "medium" }),
      iso: new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }),
      weekdayTime: new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "long", hour: "numeric", minute: "2-digit" }),
    };
    formats.set(zone, f);
  }
  return f;
}

/** "Dec 1, 2026, 3:05:09 PM CST": a moment in the zone, with the zone's short name. */
export const formatMomentIn = (date: Date, zone: string) => formatsOf(zoneOrDefault(zone)).moment.format(date);

/** "Dec 1, 2026": the day a moment fell on in the zone. */
export const formatMomentDayIn = (date: Date, zone: string) => formatsOf(zoneOrDefault(zone)).day.format(date);

/** "2026-12-01": the calendar day a moment falls on in the zone. */
export const isoDayIn = (date: Date, zone: string) => formatsOf(zoneOrDefault(zone)).iso.format(date);

/** Minutes the zone is ahead of UTC at a moment (CST: -360). */
function offsetMinutes(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Math.round((Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The moment a calendar day ("yyyy-mm-dd") begins in the zone: for "from/to" filters in the district's days. */
export function startOfDayIn(isoDay: string, zone: string): Date {
  const z = zoneOrDefault(zone);
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guess may differ from the offset at the answer across a daylight-saving change.
  let at = midnightUtc - offsetMinutes(midnightUtc, z) * 60_000;
  at = midnightUtc - offsetMinutes(at, z) * 60_000;
  return new Date(at);
}

// Calendar dates (dates of birth, a plan's start, a probe's day) are stored as
// UTC midnight and shown as that UTC day, so server and browser render the
// same text.
const DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });

/** "Dec 1, 2026": a calendar date (yyyy-mm-dd or a UTC-midnight Date). */
export function formatDay(date: Date | string): string {
  return DAY.format(typeof date === "string" ? new Date(date.length === 10 ? `${date}T00:00:00Z` : date) : date);
}
