import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '../../src/domain/types.js';
import {
  dayKey,
  formatDateHeading,
  formatDateTime,
  formatTime,
  isValidTimeZone,
  utcToZonedWallTime,
  yearIn,
  zonedWallTimeToUtc,
} from '../../src/render/dates.js';

const STOCKHOLM = 'Europe/Stockholm';
const NEW_YORK = 'America/New_York';

describe('formatDateHeading', () => {
  const cases: { name: string; iso: string; locale: Locale; zone: string; ref?: string; expected: string }[] =
    [
      {
        name: 'sv with the year when there is no reference',
        iso: '2019-12-08T14:04:00Z',
        locale: 'sv',
        zone: STOCKHOLM,
        expected: '8 december 2019',
      },
      {
        name: 'en with the year when there is no reference',
        iso: '2019-12-08T14:04:00Z',
        locale: 'en',
        zone: STOCKHOLM,
        expected: '8 December 2019',
      },
      {
        name: 'sv without the year in the reference year',
        iso: '2019-12-08T14:04:00Z',
        locale: 'sv',
        zone: STOCKHOLM,
        ref: '2019-01-15T10:00:00Z',
        expected: '8 december',
      },
      {
        name: 'en without the year in the reference year',
        iso: '2019-12-08T14:04:00Z',
        locale: 'en',
        zone: STOCKHOLM,
        ref: '2019-06-01T10:00:00Z',
        expected: '8 December',
      },
      {
        name: 'sv with the year when the reference year differs',
        iso: '2019-12-08T14:04:00Z',
        locale: 'sv',
        zone: STOCKHOLM,
        ref: '2020-01-02T10:00:00Z',
        expected: '8 december 2019',
      },
      {
        name: 'late UTC evening is the next day in Stockholm',
        iso: '2019-12-07T23:30:00Z',
        locale: 'sv',
        zone: STOCKHOLM,
        ref: '2019-12-08T00:00:00Z',
        expected: '8 december',
      },
      {
        name: 'years are compared in the zone (new year in Stockholm, not in UTC)',
        iso: '2019-12-31T23:30:00Z',
        locale: 'sv',
        zone: STOCKHOLM,
        ref: '2020-06-01T00:00:00Z',
        expected: '1 januari',
      },
      {
        name: 'early UTC morning is the previous day in New York',
        iso: '2019-12-08T03:30:00Z',
        locale: 'en',
        zone: NEW_YORK,
        expected: '7 December 2019',
      },
      {
        name: 'sv month names are lower case',
        iso: '2020-05-17T10:00:00Z',
        locale: 'sv',
        zone: STOCKHOLM,
        expected: '17 maj 2020',
      },
    ];
  for (const { name, iso, locale, zone, ref, expected } of cases) {
    it(name, () => assert.equal(formatDateHeading(iso, locale, zone, ref), expected));
  }
});

describe('yearIn', () => {
  // The year is read per whole UTC minute (memoised); the new year still starts at its exact instant.
  const cases: [string, string, number][] = [
    ['2026-12-31T22:59:59.999Z', STOCKHOLM, 2026],
    ['2026-12-31T23:00:00.000Z', STOCKHOLM, 2027],
    ['2027-01-01T04:59:59.999Z', NEW_YORK, 2026],
    ['2027-01-01T05:00:00.000Z', NEW_YORK, 2027],
    ['2026-12-31T18:14:59.999Z', 'Asia/Kathmandu', 2026],
    ['2026-12-31T18:15:00.000Z', 'Asia/Kathmandu', 2027],
  ];
  for (const [iso, zone, year] of cases) {
    it(`${iso} in ${zone} is in ${year}`, () => assert.equal(yearIn(iso, zone), year));
  }
  it('an offset with seconds (local mean time, 1870) is read for the instant itself, not its minute', () => {
    // Stockholm was 0:53:28 ahead of UTC: within one UTC minute the local minute changes.
    assert.equal(formatTime('1870-06-01T10:00:00Z', 'sv', STOCKHOLM), 'kl. 10.53');
    assert.equal(formatTime('1870-06-01T10:00:50Z', 'sv', STOCKHOLM), 'kl. 10.54');
    assert.equal(zonedWallTimeToUtc('1870-06-01T10:54:18', STOCKHOLM), '1870-06-01T10:00:50.000Z');
    assert.equal(formatTime('2026-11-27T10:00:59.999Z', 'sv', STOCKHOLM), 'kl. 11.00');
  });
  it('a heading in the reference minute just before the new year keeps the year out', () => {
    assert.equal(
      formatDateHeading('2026-12-31T12:00:00Z', 'sv', STOCKHOLM, '2026-12-31T22:59:30Z'),
      '31 december',
    );
    assert.equal(
      formatDateHeading('2026-12-31T12:00:00Z', 'sv', STOCKHOLM, '2026-12-31T23:00:00Z'),
      '31 december 2026',
    );
  });
});

describe('formatTime', () => {
  const cases: { name: string; iso: string; locale: Locale; zone: string; expected: string }[] = [
    {
      name: 'sv winter time uses a dot',
      iso: '2019-12-08T14:04:00Z',
      locale: 'sv',
      zone: STOCKHOLM,
      expected: 'kl. 15.04',
    },
    {
      name: 'sv summer time uses a dot',
      iso: '2020-07-01T13:04:00Z',
      locale: 'sv',
      zone: STOCKHOLM,
      expected: 'kl. 15.04',
    },
    {
      name: 'sv hour is not padded, minutes are',
      iso: '2020-07-01T07:05:00Z',
      locale: 'sv',
      zone: STOCKHOLM,
      expected: 'kl. 9.05',
    },
    { name: 'sv midnight', iso: '2019-12-07T23:00:00Z', locale: 'sv', zone: STOCKHOLM, expected: 'kl. 0.00' },
    { name: 'en winter time', iso: '2019-12-08T14:04:00Z', locale: 'en', zone: STOCKHOLM, expected: '15:04' },
    {
      name: 'en hour is zero-padded',
      iso: '2020-07-01T07:05:00Z',
      locale: 'en',
      zone: STOCKHOLM,
      expected: '09:05',
    },
    {
      name: 'en midnight is 00, not 24',
      iso: '2020-07-01T22:00:00Z',
      locale: 'en',
      zone: STOCKHOLM,
      expected: '00:00',
    },
    {
      name: 'New York in winter (UTC−5)',
      iso: '2019-12-08T14:04:00Z',
      locale: 'en',
      zone: NEW_YORK,
      expected: '09:04',
    },
    {
      name: 'New York in summer (UTC−4)',
      iso: '2020-07-01T13:04:00Z',
      locale: 'en',
      zone: NEW_YORK,
      expected: '09:04',
    },
  ];
  for (const { name, iso, locale, zone, expected } of cases) {
    it(name, () => assert.equal(formatTime(iso, locale, zone), expected));
  }
});

describe('formatDateTime', () => {
  const cases: { name: string; iso: string; locale: Locale; zone: string; expected: string }[] = [
    {
      name: 'sv',
      iso: '2019-12-08T14:04:00Z',
      locale: 'sv',
      zone: STOCKHOLM,
      expected: '8 december 2019 kl. 15.04',
    },
    {
      name: 'en',
      iso: '2019-12-08T14:04:00Z',
      locale: 'en',
      zone: STOCKHOLM,
      expected: '8 December 2019, 15:04',
    },
    {
      name: 'sv across midnight',
      iso: '2019-12-07T23:30:00Z',
      locale: 'sv',
      zone: STOCKHOLM,
      expected: '8 december 2019 kl. 0.30',
    },
    {
      name: 'en in New York',
      iso: '2020-07-01T13:04:00Z',
      locale: 'en',
      zone: NEW_YORK,
      expected: '1 July 2020, 09:04',
    },
  ];
  for (const { name, iso, locale, zone, expected } of cases) {
    it(name, () => assert.equal(formatDateTime(iso, locale, zone), expected));
  }

  it('throws RangeError for an invalid ISO string', () => {
    assert.throws(() => formatDateTime('not a date', 'sv', STOCKHOLM), RangeError);
  });
});

describe('dayKey', () => {
  const cases: { name: string; iso: string; zone: string; expected: string }[] = [
    {
      name: 'same day in UTC and Stockholm',
      iso: '2019-12-08T14:04:00Z',
      zone: STOCKHOLM,
      expected: '2019-12-08',
    },
    { name: 'next day in Stockholm', iso: '2019-12-07T23:30:00Z', zone: STOCKHOLM, expected: '2019-12-08' },
    { name: 'previous day in New York', iso: '2019-12-08T03:30:00Z', zone: NEW_YORK, expected: '2019-12-07' },
    { name: 'new year in Stockholm', iso: '2019-12-31T23:00:00Z', zone: STOCKHOLM, expected: '2020-01-01' },
    { name: 'UTC itself', iso: '2019-12-31T23:59:59Z', zone: 'UTC', expected: '2019-12-31' },
  ];
  for (const { name, iso, zone, expected } of cases) {
    it(name, () => assert.equal(dayKey(iso, zone), expected));
  }
});

describe('zonedWallTimeToUtc and utcToZonedWallTime', () => {
  const roundTrips: { name: string; wall: string; zone: string; utc: string }[] = [
    {
      name: 'Stockholm winter time (UTC+1)',
      wall: '2019-12-08T15:04',
      zone: STOCKHOLM,
      utc: '2019-12-08T14:04:00.000Z',
    },
    {
      name: 'Stockholm summer time (UTC+2)',
      wall: '2020-07-01T15:04',
      zone: STOCKHOLM,
      utc: '2020-07-01T13:04:00.000Z',
    },
    {
      name: 'Stockholm just before spring forward',
      wall: '2020-03-29T01:59',
      zone: STOCKHOLM,
      utc: '2020-03-29T00:59:00.000Z',
    },
    {
      name: 'Stockholm just after spring forward',
      wall: '2020-03-29T03:00',
      zone: STOCKHOLM,
      utc: '2020-03-29T01:00:00.000Z',
    },
    {
      name: 'Stockholm midnight crossing the UTC date',
      wall: '2020-01-01T00:30',
      zone: STOCKHOLM,
      utc: '2019-12-31T23:30:00.000Z',
    },
    {
      name: 'New York winter time (UTC−5)',
      wall: '2019-12-08T09:04',
      zone: NEW_YORK,
      utc: '2019-12-08T14:04:00.000Z',
    },
    {
      name: 'New York summer time (UTC−4)',
      wall: '2020-07-01T09:04',
      zone: NEW_YORK,
      utc: '2020-07-01T13:04:00.000Z',
    },
    { name: 'UTC', wall: '2020-02-29T12:00', zone: 'UTC', utc: '2020-02-29T12:00:00.000Z' },
  ];
  for (const { name, wall, zone, utc } of roundTrips) {
    it(`round trip: ${name}`, () => {
      assert.equal(zonedWallTimeToUtc(wall, zone), utc);
      assert.equal(utcToZonedWallTime(utc, zone), wall);
    });
  }

  const special: { name: string; wall: string; zone: string; expected: string }[] = [
    {
      name: 'a date alone means midnight',
      wall: '2019-12-08',
      zone: STOCKHOLM,
      expected: '2019-12-07T23:00:00.000Z',
    },
    {
      name: 'seconds are accepted',
      wall: '2019-12-08T15:04:30',
      zone: STOCKHOLM,
      expected: '2019-12-08T14:04:30.000Z',
    },
    {
      name: 'Stockholm gap 02:30 is read as 03:30 summer time',
      wall: '2020-03-29T02:30',
      zone: STOCKHOLM,
      expected: '2020-03-29T01:30:00.000Z',
    },
    {
      name: 'New York gap 02:30 is read as 03:30 summer time',
      wall: '2020-03-08T02:30',
      zone: NEW_YORK,
      expected: '2020-03-08T07:30:00.000Z',
    },
    {
      name: 'Stockholm overlap 02:30 is the earlier (summer time) instant',
      wall: '2020-10-25T02:30',
      zone: STOCKHOLM,
      expected: '2020-10-25T00:30:00.000Z',
    },
    {
      name: 'New York overlap 01:30 is the earlier (summer time) instant',
      wall: '2020-11-01T01:30',
      zone: NEW_YORK,
      expected: '2020-11-01T05:30:00.000Z',
    },
    {
      name: 'leap day in a leap year',
      wall: '2020-02-29T00:00',
      zone: STOCKHOLM,
      expected: '2020-02-28T23:00:00.000Z',
    },
  ];
  for (const { name, wall, zone, expected } of special) {
    it(name, () => assert.equal(zonedWallTimeToUtc(wall, zone), expected));
  }

  it('the two readings of an overlap hour both format back to the same wall time', () => {
    assert.equal(utcToZonedWallTime('2020-10-25T00:30:00.000Z', STOCKHOLM), '2020-10-25T02:30');
    assert.equal(utcToZonedWallTime('2020-10-25T01:30:00.000Z', STOCKHOLM), '2020-10-25T02:30');
  });

  const malformed = [
    '',
    'yesterday',
    '2019-12-08T15',
    '2019-12-08 15:04',
    '2019-12-08T15:04Z',
    '2019-12-8T15:04',
    '19-12-08T15:04',
    '2019-00-08T15:04',
    '2019-13-08T15:04',
    '2019-12-00T15:04',
    '2019-12-32T15:04',
    '2019-04-31T12:00',
    '2019-02-29T12:00',
    '2100-02-29T12:00',
    '2019-12-08T24:00',
    '2019-12-08T15:60',
    '2019-12-08T15:04:60',
    ' 2019-12-08T15:04',
  ];
  for (const wall of malformed) {
    it(`malformed wall time ${JSON.stringify(wall)} gives undefined`, () => {
      assert.equal(zonedWallTimeToUtc(wall, STOCKHOLM), undefined);
    });
  }

  it('an unknown zone gives undefined', () => {
    assert.equal(zonedWallTimeToUtc('2019-12-08T15:04', 'Mars/Olympus_Mons'), undefined);
  });
});

describe('isValidTimeZone', () => {
  const cases: { tz: string; expected: boolean }[] = [
    { tz: 'Europe/Stockholm', expected: true },
    { tz: 'America/New_York', expected: true },
    { tz: 'UTC', expected: true },
    { tz: 'Mars/Olympus_Mons', expected: false },
    { tz: '', expected: false },
    { tz: 'Europe/Stockholm; DROP TABLE', expected: false },
  ];
  for (const { tz, expected } of cases) {
    it(`${JSON.stringify(tz)} is ${expected ? 'valid' : 'invalid'}`, () =>
      assert.equal(isValidTimeZone(tz), expected));
  }
});
