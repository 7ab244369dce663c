// Date formatting for news pages. Inputs are UTC ISO strings; every function takes the zone explicitly
// because the server runs in UTC. Node's ICU writes Swedish times as "15:04", so times are assembled from
// formatToParts in house style ("kl. 15.04").
import type { Locale } from '../domain/types.js';

type Kind = 'numeric' | 'date';

const MAX_CACHED_FORMATTERS = 500;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Returns a cached formatter: constructing Intl.DateTimeFormat is slow. Throws RangeError on a bad zone. */
function formatter(locale: Locale | 'en-US', timeZone: string, kind: Kind): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'numeric'
        ? {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hourCycle: 'h23',
          }
        : { timeZone, year: 'numeric', month: 'long', day: 'numeric' };
    fmt = new Intl.DateTimeFormat(locale, options);
    // Zone names are user input (case variants are valid): keep the cache bounded.
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(key, fmt);
  }
  return fmt;
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// formatToParts is the slow part of rendering dates, and a page re-rendered after a change shows mostly
// the same instants again: keep the last results (cleared when full). They are kept per whole UTC minute:
// the offsets zones use today are whole minutes (quarter hours), and they change on whole minutes, so within
// one UTC minute only the seconds move, and "now" (a new instant on every render) or a fresh edit time find
// their minute kept. An instant in a zone whose offset then had seconds (local mean time before about 1900)
// is computed on its own.
const WALL_MEMO_SIZE = 10_000;
const MINUTE_MS = 60_000;
const wallMemo = new Map<string, { parts: WallParts; wholeMinuteOffset: boolean }>();

/** The wall-clock fields of an instant (ms since epoch) in a zone. */
function wallParts(ms: number, timeZone: string): WallParts {
  const minute = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  const start = minuteParts(minute, timeZone);
  if (minute === ms) return start.parts;
  if (!start.wholeMinuteOffset) return Object.freeze(computeWallParts(ms, timeZone));
  return Object.freeze({ ...start.parts, second: Math.floor((ms - minute) / 1000) });
}

/** The wall-clock fields at the start of a UTC minute, and whether the zone's offset was whole minutes. */
function minuteParts(minute: number, timeZone: string) {
  const key = `${timeZone} ${minute}`;
  const known = wallMemo.get(key);
  if (known) return known;
  if (wallMemo.size >= WALL_MEMO_SIZE) wallMemo.clear();
  const parts = Object.freeze(computeWallParts(minute, timeZone));
  const result = { parts, wholeMinuteOffset: (wallToMs(parts) - minute) % MINUTE_MS === 0 };
  wallMemo.set(key, result);
  return result;
}

function computeWallParts(ms: number, timeZone: string): WallParts {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter('en-US', timeZone, 'numeric').formatToParts(ms)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** Wall-clock fields as if they were UTC, in ms (years 0–99 are not remapped to 19xx). */
function wallToMs(p: WallParts): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, 0);
  return d.getTime();
}

/** Number of days in a month (1–12) of a year. */
function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month is the last day of this one
  return d.getUTCDate();
}

/** The zone's offset from UTC in ms at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallToMs(wallParts(whole, timeZone)) - whole;
}

/** Parses an ISO string to ms, throwing RangeError when it is not a valid date. */
function toMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid date: ${iso}`);
  return ms;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "8 december" / "8 December", with the year added when it differs from the reference instant's year. */
export function formatDateHeading(
  iso: string,
  locale: Locale,
  timeZone: string,
  referenceIso?: string,
): string {
  const { dayMonth, year } = dateParts(toMs(iso), locale, timeZone);
  const sameYear = referenceIso !== undefined && yearIn(referenceIso, timeZone) === Number(year);
  return sameYear ? dayMonth : `${dayMonth} ${year}`;
}

// Date headings are asked for again on every render of a page (day groups, key events): kept like wallMemo.
const dateMemo = new Map<string, { dayMonth: string; year: string }>();

/** "8 december" and "2026" of an instant in a zone, in the locale's words. */
function dateParts(ms: number, locale: Locale, timeZone: string): { dayMonth: string; year: string } {
  const key = `${locale} ${timeZone} ${ms}`;
  const known = dateMemo.get(key);
  if (known) return known;
  let day = '';
  let month = '';
  let year = '';
  for (const { type, value } of formatter(locale, timeZone, 'date').formatToParts(ms)) {
    if (type === 'day') day = value;
    else if (type === 'month') month = value;
    else if (type === 'year') year = value;
  }
  if (dateMemo.size >= WALL_MEMO_SIZE) dateMemo.clear();
  const result = Object.freeze({ dayMonth: `${day} ${month}`, year });
  dateMemo.set(key, result);
  return result;
}

/** "kl. 15.04" (sv, unpadded hour) or "15:04" (en, zero-padded), 24-hour clock. */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  const { hour, minute } = wallParts(toMs(iso), timeZone);
  return locale === 'sv' ? `kl. ${hour}.${pad2(minute)}` : `${pad2(hour)}:${pad2(minute)}`;
}

/** "8 december 2019 kl. 15.04" (sv) or "8 December 2019, 15:04" (en). */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const date = formatDateHeading(iso, locale, timeZone);
  const time = formatTime(iso, locale, timeZone);
  return locale === 'sv' ? `${date} ${time}` : `${date}, ${time}`;
}

// A page asks for the year of the same "now" once per update shown (fragment keys, date headings): the
// last answer is kept.
let lastYear = { iso: '', timeZone: '', year: NaN };

/** The year of the instant in the zone: what decides whether a date heading shows its year. */
export function yearIn(iso: string, timeZone: string): number {
  if (iso === lastYear.iso && timeZone === lastYear.timeZone) return lastYear.year;
  const year = wallParts(toMs(iso), timeZone).year;
  lastYear = { iso, timeZone, year };
  return year;
}

/** "YYYY-MM-DD" of the instant in the zone, for grouping updates by day. */
export function dayKey(iso: string, timeZone: string): string {
  const p = wallParts(toMs(iso), timeZone);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** "YYYY-MM-DDTHH:MM" wall time of the instant in the zone, for `<input type="datetime-local">`. */
export function utcToZonedWallTime(iso: string, timeZone: string): string {
  const p = wallParts(toMs(iso), timeZone);
  return `${dayKey(iso, timeZone)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MS = 86_400_000;

/**
 * UTC ISO string of a wall time ("YYYY-MM-DDTHH:MM[:SS]" or "YYYY-MM-DD" = midnight) in the zone, or
 * undefined when malformed or the zone is unknown. Ambiguous times (autumn overlap) resolve to the earlier
 * instant; times in the spring-forward gap are read with the offset before the change, i.e. one hour later
 * on the clock (02:30 → 03:30), like Temporal's "compatible" disambiguation.
 */
export function zonedWallTimeToUtc(wall: string, timeZone: string): string | undefined {
  const m = WALL_TIME.exec(wall);
  if (!m || !isValidTimeZone(timeZone)) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m
    .slice(1)
    .map((s) => Number(s ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wallMs = wallToMs({ year, month, day, hour, minute, second });
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetAt(wallMs - DAY_MS, timeZone);
  const after = offsetAt(wallMs + DAY_MS, timeZone);
  const matches = [wallMs - before, wallMs - after].filter(
    (ms) => wallToMs(wallParts(ms, timeZone)) === wallMs,
  );
  const instant = matches.length > 0 ? Math.min(...matches) : wallMs - before;
  return new Date(instant).toISOString();
}

/** Whether Intl knows the IANA time zone name. */
export function isValidTimeZone(tz: string): boolean {
  if (tz === '') return false;
  try {
    formatter('en-US', tz, 'numeric');
    return true;
  } catch {
    return false;
  }
}
