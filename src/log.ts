import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Every log line passes through here, so a token that slips into an error message
 * (telegraf and fetch put request URLs with /bot<token>/ into theirs) is masked
 * before it reaches any output.
 */
function scrubbingStream(secrets: readonly string[], out: DestinationStream | NodeJS.WritableStream) {
  const live = secrets.filter((s) => s.length >= 8);
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      let line = chunk.toString('utf8');
      for (const s of live) line = line.split(s).join('***');
      out.write(line);
      done();
    },
  });
}

export interface LogOptions {
  level: string;
  secrets: readonly string[];
  /** defaults to stdout; tests pass a capture stream */
  destination?: NodeJS.WritableStream;
  pretty?: boolean;
}

export function createLogger(opts: LogOptions): Logger {
  let out: NodeJS.WritableStream | DestinationStream = opts.destination ?? process.stdout;
  const pretty = opts.pretty ?? (!opts.destination && process.stdout.isTTY === true);
  if (pretty) {
    // pino-pretty is loaded only on a TTY; JSON everywhere else
    const prettyFactory = createRequire(import.meta.url)('pino-pretty') as (
      o: object,
    ) => NodeJS.WritableStream;
    out = prettyFactory({ colorize: true, destination: out as NodeJS.WritableStream, sync: true });
  }
  return pino(
    {
      level: opts.level,
      base: { app: 'kuaixun' },
      redact: { paths: ['token', '*.token', 'BOT_TOKEN', '*.BOT_TOKEN'], censor: '***' },
      serializers: { err: pino.stdSerializers.err },
    },
    scrubbingStream(opts.secrets, out),
  );
}
