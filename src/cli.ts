import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { runBackup } from './cli/backup.ts';
import { runDoctor } from './cli/doctor.ts';
import { runMigrate } from './cli/migrate.ts';
import { runPreview } from './cli/preview.ts';
import { runSummarize } from './cli/summarize.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';

export const NO_TOKEN_MESSAGE =
  'BOT_TOKEN is not set: talk to @BotFather in Telegram (/newbot), copy the token it gives you, and put it in a .env file next to package.json as BOT_TOKEN=123456:ABC… (see .env.example).';

const USAGE = `kuaixun — 快讯 Telegram bot for finews

  kuaixun [run]                          start the bot (what npm start runs)
  kuaixun preview [--site URL] [--json]  read the site once and print every current article
  kuaixun summarize <file|url> [--json]  summarize one post page
  kuaixun doctor                         check token, site, storage and permissions
  kuaixun backup <file>                  copy the database safely while the bot runs
  kuaixun migrate --from sqlite://<file> --to postgres://… [--force]
                                         copy the bot's state into PostgreSQL (run twice: live, then stopped)
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIo = (): CliIo => ({
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  env: process.env,
});

/** Returns the exit code; `main` sets it on the process. */
export async function cli(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [command = 'run', ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: false,
    options: {
      json: { type: 'boolean' },
      site: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return 0;
  }
  // everything it needs is in its arguments: no bot token or site to configure
  if (command === 'migrate') return runMigrate(values, io);
  let config: Config;
  try {
    const env = { ...io.env };
    if (typeof values.site === 'string') env.SITE_URL = values.site;
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message} (check your .env or environment; see .env.example)`);
      return 1;
    }
    throw err;
  }
  const json = values.json === true;
  switch (command) {
    case 'run': {
      if (!config.BOT_TOKEN) {
        io.err(NO_TOKEN_MESSAGE);
        return 1;
      }
      const { runForever } = await import('./cli/run-forever.ts');
      return runForever(config, io);
    }
    case 'preview':
      return runPreview(config, { json }, io);
    case 'summarize':
      return runSummarize(config, positionals[0], { json }, io);
    case 'doctor':
      return runDoctor(config, io);
    case 'backup':
      return runBackup(config, positionals[0], io);
    default:
      io.err(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

export async function main(argv: string[]): Promise<void> {
  // .env next to the working directory, as the README's quick start puts it; real env wins
  loadDotenv({ quiet: true });
  process.exitCode = await cli(argv);
}
