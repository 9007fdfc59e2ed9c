import { sendThroughGate } from '../delivery/gated-send.ts';
import type { Deps } from '../deps.ts';
import type { PollReport } from '../sources/finews/state.ts';
import type { HealthSource, SourceHealthState } from './types.ts';

type Problem = 'silent' | 'unparsable';

const MIN_SILENCE_MS = 30 * 60_000;
const PARSE_STREAK = 3;

/** How long without new posts counts as unusual: 6× the median gap, never under 30 minutes. */
export function silenceThreshold(gaps: readonly number[]): number {
  if (gaps.length < 3) return 2 * 3_600_000;
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return Math.max(MIN_SILENCE_MS, 6 * median);
}

/** What an admin is told, as data: the words and markup are the presentation room's. */
export type SourceAlert =
  | { kind: 'silent'; source: string; quietMin: number }
  | { kind: 'unparsable'; source: string; polls: number }
  | { kind: 'recovered'; source: string };

/** Builds an alert's message (Telegram HTML); passed in by the composition root. */
export type SourceAlertText = (alert: SourceAlert) => string;

export interface SourceHealthOptions {
  /** whose state this is (one per feed); the finews site by default */
  source?: HealthSource;
  /** how the alert names the source; SITE_URL by default */
  name?: string;
  /** false: only "parses to nothing" alerts (a user's weekly feed is quiet by nature) */
  quietAlerts?: boolean;
}

/** Watches poll reports and tells ADMIN_IDS once when the site goes quiet or changes shape, and once when it recovers. */
export function createSourceHealth(
  deps: Pick<Deps, 'healthStore' | 'now' | 'telegram' | 'sendGate' | 'config' | 'log'>,
  alertText: SourceAlertText,
  opts: SourceHealthOptions = {},
) {
  const store = opts.source ?? 'site';
  const source = opts.name ?? deps.config.SITE_URL;
  async function tell(alert: SourceAlert): Promise<void> {
    const text = alertText(alert);
    deps.log.warn(alert, 'source health changed');
    for (const admin of deps.config.ADMIN_IDS) {
      await sendThroughGate(deps, admin, text, { parse_mode: 'HTML' }).catch((err: unknown) =>
        deps.log.error({ err, admin }, 'could not alert an admin'),
      );
    }
  }

  return {
    async observe<R extends Pick<PollReport, 'outcome' | 'firstRun' | 'stored' | 'failed'>>(
      report: R,
    ): Promise<R> {
      if (report.outcome === 'skipped' || report.firstRun) return report;
      const now = deps.now();
      const s: SourceHealthState = (await deps.healthStore.get(store)) ?? {
        lastNewAt: now,
        gaps: [],
        parseStreak: 0,
        alerting: null,
      };
      if (report.stored > 0) {
        if (s.lastNewAt !== null) s.gaps = [...s.gaps, now - s.lastNewAt].slice(-50);
        s.lastNewAt = now;
      }
      const unparsable = report.outcome !== 'site-down' && report.failed > 0 && report.stored === 0;
      s.parseStreak = unparsable ? s.parseStreak + 1 : report.failed === 0 ? 0 : s.parseStreak;
      const quietFor = now - (s.lastNewAt ?? now);
      let problem: Problem | null = null;
      if (s.parseStreak >= PARSE_STREAK) problem = 'unparsable';
      else if (opts.quietAlerts !== false && quietFor > silenceThreshold(s.gaps)) problem = 'silent';
      if (problem && s.alerting !== problem) {
        await tell(
          problem === 'silent'
            ? { kind: problem, source, quietMin: Math.round(quietFor / 60_000) }
            : { kind: problem, source, polls: s.parseStreak },
        );
        s.alerting = problem;
      } else if (!problem && s.alerting && report.stored > 0) {
        // only stored posts prove recovery; a merely quiet tick keeps the alert standing
        await tell({ kind: 'recovered', source });
        s.alerting = null;
      }
      await deps.healthStore.set(store, s);
      return report;
    },
  };
}
