import type { CliIo } from '../cli.ts';
import type { Config } from '../config.ts';
import { startApp } from '../run.ts';

/** `kuaixun run`: starts the app and stops it cleanly on SIGINT/SIGTERM (twice is fine). */
export async function runForever(config: Config, io: CliIo): Promise<number> {
  // what reaches stderr here bypasses the logger's scrubbing: mask the token ourselves
  const token = config.BOT_TOKEN ?? '';
  const err = (line: string) => io.err(token ? line.split(token).join('***') : line);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, { print: io.out });
  } catch (e) {
    err(`kuaixun could not start: ${(e as Error).message}`);
    return 1;
  }
  const onSignal = (signal: string) => void app.stop(`received ${signal}`);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const result = await app.done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (result.fatal) err(result.reason);
  return result.fatal ? 1 : 0;
}
