import cron from 'node-cron';
import type { Logger } from './log.ts';

export interface ScheduledJob {
  name: string;
  cron: string;
  run: () => Promise<unknown>;
}

export interface Scheduler {
  /** runs a job now unless its previous run is still going (the overlap guard) */
  trigger(name: string): Promise<'ran' | 'skipped' | 'failed'>;
  stop(): Promise<void>;
}

/**
 * node-cron only decides *when*; the jobs are plain functions. A tick that finds the
 * previous run of the same job still busy is skipped, never queued, so a slow site can't
 * pile up polls.
 */
export function startScheduler(jobs: readonly ScheduledJob[], log: Logger, timezone: string): Scheduler {
  const running = new Map<string, Promise<unknown>>();
  const byName = new Map(jobs.map((j) => [j.name, j]));

  async function trigger(name: string): Promise<'ran' | 'skipped' | 'failed'> {
    const job = byName.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    if (running.has(name)) {
      log.warn({ job: name }, 'previous run still busy; tick skipped');
      return 'skipped';
    }
    const started = Date.now();
    const p = job.run();
    running.set(name, p);
    try {
      await p;
      log.debug({ job: name, ms: Date.now() - started }, 'job done');
      return 'ran';
    } catch (err) {
      log.error({ job: name, err }, 'job failed');
      return 'failed';
    } finally {
      running.delete(name);
    }
  }

  const tasks = jobs.map((job) =>
    cron.schedule(job.cron, () => void trigger(job.name), { timezone, name: job.name, noOverlap: false }),
  );

  return {
    trigger,
    async stop() {
      for (const t of tasks) await t.stop();
      await Promise.allSettled([...running.values()]);
    },
  };
}
