import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { type RunningApp, startApp } from '../../src/run.ts';
import { type FakeTelegram, startFakeTelegram } from './fake-telegram/index.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';

export interface AppHarness {
  fake: FakeTelegram;
  site: SiteServer;
  dir: string;
  /** every log line and printed line of every app started, to grep for the token */
  output: string[];
  /** `now`: the app's clock (deps.now); the sender keeps real time */
  start(env?: Record<string, string>, opts?: { now?: () => number }): Promise<RunningApp>;
  close(): Promise<void>;
}

/** The app exactly as `kuaixun run` starts it, pointed at the fake Bot API and a served snapshot. */
export async function appHarness(snapshot: string): Promise<AppHarness> {
  const fake = await startFakeTelegram();
  const site = await startSiteServer({ snapshot });
  const dir = mkdtempSync(join(tmpdir(), 'kx-e2e-'));
  const output: string[] = [];
  const apps: RunningApp[] = [];
  return {
    fake,
    site,
    dir,
    output,
    async start(env = {}, opts = {}) {
      const config = loadConfig({
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        SITE_URL: site.url,
        STORAGE_URL: `sqlite://${join(dir, 'kuaixun.sqlite')}`,
        // ticks are triggered by the test; cron would fire on 1 January only
        POLL_CRON: '0 0 1 1 *',
        DIGEST_CRON: '0 0 1 1 *',
        LOG_LEVEL: 'debug',
        ...env,
      });
      const stream = new PassThrough();
      stream.on('data', (c: Buffer) => output.push(c.toString()));
      const log = createLogger({ level: 'debug', secrets: [fake.token], destination: stream });
      const app = await startApp(config, { log, print: (l) => output.push(l), ...opts });
      apps.push(app);
      return app;
    },
    async close() {
      for (const app of apps) await app.stop('test over');
      await fake.close();
      await site.close();
    },
  };
}

export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
