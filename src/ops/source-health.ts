import type { Deps } from '../deps.ts';
import type { PollReport } from '../sources/finews/state.ts';
import { html } from '../telegram/html.ts';
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

const TEXT: Record<Problem | 'recovered', (site: string, detail: string) => ReturnType<typeof html>> = {
  silent: (site, d) =>
    html`⚠️ <b>快讯 source alert</b>\n${site} has shown no new posts for ${d}. 站点长时间没有新文章。`,
  unparsable: (site, d) =>
    html`⚠️ <b>快讯 source alert</b>\n${site} answers but its posts no longer parse (${d}). 站点结构可能已变化。`,
  recovered: (site, d) => html`✅ <b>快讯 source recovered</b>\n${site}: ${d}. 站点已恢复。`,
};

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
  deps: Pick<Deps, 'healthStore' | 'now' | 'telegram' | 'config' | 'log'>,
  opts: SourceHealthOptions = {},
) {
  const source = opts.source ?? 'site';
  async function tell(kind: Problem | 'recovered', detail: string): Promise<void> {
    const text = TEXT[kind](opts.name ?? deps.config.SITE_URL, detail).value;
    deps.log.warn({ kind, detail, source: opts.name ?? deps.config.SITE_URL }, 'source health changed');
    for (const admin of deps.config.ADMIN_IDS) {
      await deps.telegram
        .sendMessage(admin, text, { parse_mode: 'HTML' })
        .catch((err: unknown) => deps.log.error({ err, admin }, 'could not alert an admin'));
    }
  }

  return {
    async observe<R extends Pick<PollReport, 'outcome' | 'firstRun' | 'stored' | 'failed'>>(
      report: R,
    ): Promise<R> {
      if (report.outcome === 'skipped' || report.firstRun) return report;
      const now = deps.now();
      const s: SourceHealthState = (await deps.healthStore.get(source)) ?? {
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
        const detail =
          problem === 'silent' ? `${Math.round(quietFor / 60_000)} min` : `${s.parseStreak} polls in a row`;
        await tell(problem, detail);
        s.alerting = problem;
      } else if (!problem && s.alerting && report.stored > 0) {
        // only stored posts prove recovery; a merely quiet tick keeps the alert standing
        await tell('recovered', 'new posts are parsed again');
        s.alerting = null;
      }
      await deps.healthStore.set(source, s);
      return report;
    },
  };
}
