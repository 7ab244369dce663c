// Date and time headings of an interview transcript: `Den 8 december:`, `December 8, 2019:`,
// `Update, 15:30:`, `Uppdatering kl. 15.30:`. Pure; used by transcript.ts.

/** A recognised heading line. `date` is null for a time-only heading (`Update, 15:30:`). */
export interface DateHeading {
  /** The heading as written, without its trailing colon. */
  label: string;
  date: { year: number; month: number; day: number } | null;
  time: { hour: number; minute: number } | null;
}

// Full Swedish and English month names and the usual abbreviations (an abbreviation may end with a dot).
const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  augusti: 8,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

// Longest names first so that `sept` is not read as `sep` followed by a stray `t`.
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const WEEKDAY =
  '(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const UPDATE_WORD = '(?:(?:update|updated|uppdatering|uppdaterat|uppdaterad)\\s*,?\\s*)?';
const CLOCK = '(?:(?:kl\\.?|klockan|at)\\s*)?(\\d{1,2})[:.](\\d{2})';
const YEAR = '(?:,?\\s+(\\d{4}))?';
const TIME_AFTER_DATE = `(?:(?:,\\s*|\\s+)${CLOCK})?`;

const TIME_ONLY = new RegExp(`^${UPDATE_WORD}${CLOCK}$`, 'iu');
// "Den 8 december", "Måndag den 8 december 2019", "8 December", "8th of December, 15:30"
const DAY_FIRST = new RegExp(
  `^${UPDATE_WORD}(?:${WEEKDAY},?\\s+)?(?:(?:den|the)\\s+)?(\\d{1,2})(?:\\.|:e|:a|st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}${YEAR}${TIME_AFTER_DATE}$`,
  'iu',
);
// "December 8", "Tuesday, December 8, 2019", "Dec. 8 at 15:30"
const MONTH_FIRST = new RegExp(
  `^${UPDATE_WORD}(?:${WEEKDAY},?\\s+)?${MONTH}\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?${YEAR}${TIME_AFTER_DATE}$`,
  'iu',
);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clock(hour: string | undefined, minute: string | undefined): DateHeading['time'] | undefined {
  if (hour === undefined || minute === undefined) return null;
  const h = Number(hour);
  const m = Number(minute);
  return h <= 23 && m <= 59 ? { hour: h, minute: m } : undefined;
}

function calendarDate(
  dayText: string | undefined,
  monthText: string | undefined,
  yearText: string | undefined,
  fallbackYear: number,
): DateHeading['date'] | undefined {
  const month = MONTHS[(monthText ?? '').toLowerCase()];
  const day = Number(dayText);
  const year = yearText === undefined ? fallbackYear : Number(yearText);
  if (month === undefined || year < 1 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * Reads one trimmed line as a date or time heading; null when it is not one. A heading is the whole
 * line and ends with a colon; `year` fills a missing year. Impossible dates (`31 februari:`) and times
 * (`25:00:`) are not headings.
 */
export function parseDateHeading(line: string, year: number): DateHeading | null {
  const trimmed = line.trim();
  if (!trimmed.endsWith(':') || trimmed.includes('\n')) return null;
  const label = trimmed.slice(0, -1).trimEnd();
  if (label === '') return null;

  const timeOnly = TIME_ONLY.exec(label);
  if (timeOnly) {
    const time = clock(timeOnly[1], timeOnly[2]);
    return time ? { label, date: null, time } : null;
  }
  const dayFirst = DAY_FIRST.exec(label);
  const monthFirst = dayFirst ? null : MONTH_FIRST.exec(label);
  const parts = dayFirst
    ? { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3], hour: dayFirst[4], minute: dayFirst[5] }
    : monthFirst
      ? {
          day: monthFirst[2],
          month: monthFirst[1],
          year: monthFirst[3],
          hour: monthFirst[4],
          minute: monthFirst[5],
        }
      : null;
  if (!parts) return null;
  const date = calendarDate(parts.day, parts.month, parts.year, year);
  const time = clock(parts.hour, parts.minute);
  if (date === undefined || time === undefined) return null;
  return { label, date, time };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** `YYYY-MM-DD` of a heading's date. */
export function isoDate(date: NonNullable<DateHeading['date']>): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** `HH:MM` of a heading's time. */
export function isoTime(time: NonNullable<DateHeading['time']>): string {
  return `${pad(time.hour, 2)}:${pad(time.minute, 2)}`;
}
