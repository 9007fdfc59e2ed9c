import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { dueSlot } from '../../src/delivery/digest-time.ts';
import { parseQuiet, quietUntil } from '../../src/delivery/quiet.ts';
import { createTradingCalendar, expandDays } from '../../src/delivery/trading.ts';

// 2026-10-01 00:00 in Shanghai is 2026-09-30 16:00 UTC
const sh = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);

describe('quiet hours', () => {
  it('reads the ranges people type and refuses the rest', () => {
    expect(parseQuiet('23:00-07:00')).toBe('23:00-07:00');
    expect(parseQuiet('23-7')).toBe('23:00-07:00');
    expect(parseQuiet('22:30～6:15')).toBe('22:30-06:15');
    expect(parseQuiet('23:00至07:00')).toBe('23:00-07:00');
    for (const bad of ['23:00', '25:00-07:00', '07:00-07:00', 'a-b', '1-2-3', ''])
      expect(parseQuiet(bad)).toBeNull();
  });

  it('is quiet across midnight in the chat zone and says when it ends', () => {
    const chat = { quiet: '23:00-07:00', tz: 'Asia/Shanghai' };
    expect(quietUntil(chat, sh('2026-10-01', '22:59'))).toBeNull();
    expect(quietUntil(chat, sh('2026-10-01', '23:00'))).toBe(sh('2026-10-02', '07:00'));
    expect(quietUntil(chat, sh('2026-10-02', '03:17') + 42_000)).toBe(sh('2026-10-02', '07:00'));
    expect(quietUntil(chat, sh('2026-10-02', '07:00'))).toBeNull();
    expect(quietUntil({ ...chat, quiet: undefined }, sh('2026-10-02', '03:00'))).toBeNull();
    // the same instant is 21:00 in Berlin (CEST): not quiet there
    expect(quietUntil({ ...chat, tz: 'Europe/Berlin' }, sh('2026-10-02', '03:00'))).toBeNull();
    const day = { quiet: '12:00-13:30', tz: 'Asia/Shanghai' };
    expect(quietUntil(day, sh('2026-10-02', '12:10'))).toBe(sh('2026-10-02', '13:30'));
    expect(quietUntil(day, sh('2026-10-02', '11:59'))).toBeNull();
  });
});

describe('A-share trading calendar (chinese-days 1.5.7 holds the schedule through 2026)', () => {
  const cal = createTradingCalendar();

  it('国庆 2026: shut 10-01..10-07; the 调休 Saturday 10-10 is a working day but no trading day', () => {
    expect(cal.isTradingDay('2026-09-30')).toBe(true);
    for (const d of expandDays('2026-10-01..2026-10-07')) expect(cal.isTradingDay(d), d).toBe(false);
    expect(cal.isTradingDay('2026-10-08')).toBe(true);
    expect(cal.isTradingDay('2026-10-09')).toBe(true);
    expect(cal.isTradingDay('2026-10-10')).toBe(false);
    expect(cal.isTradingDay('2026-10-12')).toBe(true);
  });

  it('春节 2026: shut 02-16..02-23; the 调休 Saturdays 02-14 and 02-28 are not trading days', () => {
    expect(cal.isTradingDay('2026-02-13')).toBe(true);
    expect(cal.isTradingDay('2026-02-14')).toBe(false);
    for (const d of expandDays('2026-02-15..2026-02-23')) expect(cal.isTradingDay(d), d).toBe(false);
    expect(cal.isTradingDay('2026-02-24')).toBe(true);
    expect(cal.isTradingDay('2026-02-28')).toBe(false);
  });

  it('2027 is not in the package: weekdays only, until TRADING_CLOSED_DAYS names the holidays', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.isTradingDay('2027-02-08')).toBe(true);
    expect(cal.isTradingDay('2027-02-06')).toBe(false);
    const config = loadConfig({ TRADING_CLOSED_DAYS: '2027-02-05..2027-02-11, 2027-10-01..2027-10-07' });
    const with2027 = createTradingCalendar(config.TRADING_CLOSED_DAYS.flatMap(expandDays));
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-11', '2027-10-01', '2027-10-07'])
      expect(with2027.isTradingDay(d), d).toBe(false);
    expect(with2027.isTradingDay('2027-02-12')).toBe(true);
    expect(with2027.isTradingDay('2027-10-08')).toBe(true);
    expect(() => loadConfig({ TRADING_CLOSED_DAYS: '2027-02-30x' })).toThrow(/TRADING_CLOSED_DAYS/);
  });

  it('a trading chat has no digest slot on a closed day; others keep theirs', () => {
    const chat = { digestTimes: ['09:15', '15:00'], tz: 'Asia/Shanghai', lastDigestSlot: '' };
    const holiday = sh('2026-10-05', '09:20');
    expect(dueSlot({ ...chat, digestTrading: true }, holiday, 59, cal.isTradingDay)).toBeNull();
    expect(dueSlot(chat, holiday, 59, cal.isTradingDay)).toBe('2026-10-05T09:15');
    const open = sh('2026-10-08', '15:01');
    expect(dueSlot({ ...chat, digestTrading: true }, open, 59, cal.isTradingDay)).toBe('2026-10-08T15:00');
  });
});
