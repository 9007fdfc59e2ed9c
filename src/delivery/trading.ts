// the default export: Node's own ESM loader sees the package's CommonJS build, whose named
// exports it cannot detect (vitest would hide that; the `kuaixun` binary would crash)
import chineseDays from 'chinese-days';

const { getHolidaysInRange, isWorkday } = chineseDays;

/**
 * A-share trading days: weekdays that are not exchange holidays. A 调休 weekend working day is
 * a working day for offices but the exchanges stay shut, so it is not a trading day.
 */
export interface TradingCalendar {
  /** `date` is YYYY-MM-DD (Asia/Shanghai) */
  isTradingDay(date: string): boolean;
  /** false for a year the holiday data does not cover: only weekends are known closed then */
  covers(year: number): boolean;
}

/**
 * chinese-days (the State Council's holiday schedule, published each November for the next
 * year) plus `closed`, the operator's extra closure days (TRADING_CLOSED_DAYS) for a year the
 * package does not cover yet or an unscheduled closure.
 */
export function createTradingCalendar(closed: readonly string[] = []): TradingCalendar {
  const extra = new Set(closed);
  const covered = new Map<number, boolean>();
  const covers = (year: number) => {
    let known = covered.get(year);
    if (known === undefined) {
      // a year without a single weekday holiday is a year the package has no data for
      known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      covered.set(year, known);
    }
    return known;
  };
  return {
    isTradingDay(date) {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (day === 0 || day === 6 || extra.has(date)) return false;
      return covers(Number(date.slice(0, 4))) ? isWorkday(date) : true;
    },
    covers,
  };
}

/** `2027-02-05..2027-02-11` → every date in the range; a single date → itself. */
export function expandDays(spec: string): string[] {
  const [from, to = from] = spec.split('..');
  const out: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = start; t <= end && out.length < 400; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
