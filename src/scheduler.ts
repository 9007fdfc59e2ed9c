import cron from 'node-cron';
import type { Logger } from './log.ts';

export interface ScheduledJob {
  name: string;
  cron: string;
  run: () => Promise<unknown>;
  /** runs on every instance each tick (a cache re-read), never behind the shared lease */
  everyInstance?: boolean;
}

/**
 * Decides whether this instance runs one tick of a job: the key names the job and the tick's
 * slot, so several instances agree on "this tick". The Redis lease (src/storage/redis/lease.ts)
 * returns true on exactly one instance; fail-closed, an error skips the tick.
 */
export type ShouldRun = (key: string, ttlMs: number) => boolean | Promise<boolean>;

export interface SchedulerOptions {
  /** absent: a single instance, every tick runs here */
  shouldRun?: ShouldRun;
  /** how long a tick's lease is kept: longer than the clock skew between instances */
  leaseMs?: number;
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
export function startScheduler(
  jobs: readonly ScheduledJob[],
  log: Logger,
  timezone: string,
  opts: SchedulerOptions = {},
): Scheduler {
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

  // node-cron asks shouldRun with `<job>:<slot ISO time>` before each scheduled run
  const distributed = opts.shouldRun
    ? {
        distributed: true,
        runCoordinator: { shouldRun: opts.shouldRun },
        distributedLease: opts.leaseMs ?? 60_000,
      }
    : {};
  const tasks = jobs.map((job) => {
    const task = cron.schedule(job.cron, () => void trigger(job.name), {
      timezone,
      name: job.name,
      noOverlap: false,
      ...(job.everyInstance ? {} : distributed),
    });
    task.on('execution:skipped', (ctx) => {
      if (ctx.reason === 'coordinator-error') log.warn({ job: job.name }, 'lease store failed; tick skipped');
      else log.debug({ job: job.name }, 'another instance runs this tick');
    });
    return task;
  });

  return {
    trigger,
    async stop() {
      for (const t of tasks) await t.stop();
      await Promise.allSettled([...running.values()]);
    },
  };
}
