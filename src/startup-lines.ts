import { type Config, maskToken, usesPostgres } from './config.ts';
import type { Coordination } from './storage/redis/index.ts';

/** One line each, as operators read them in journald; the token only masked. */
export function startupLines(config: Config, storagePath: string, coordination?: Coordination): string[] {
  return [
    ...(coordination
      ? [
          `coordination: redis ${coordination.describe} (send rate, job leases${config.WEBHOOK_URL ? '' : `, receiver lease ${config.RECEIVER_LEASE} ms`})`,
        ]
      : usesPostgres(config)
        ? ['coordination: none (REDIS_URL unset): run one instance only; several need REDIS_URL']
        : []),
    `config: token ${maskToken(config.BOT_TOKEN)}, api ${config.TELEGRAM_API_ROOT}, admins ${config.ADMIN_IDS.length}`,
    `storage: ${storagePath} (keyv + articles + search + outbox)`,
    `site: ${config.SITE_URL}`,
    `schedule: poll "${config.POLL_CRON}", digests "${config.DIGEST_CRON}", prune "${config.PRUNE_CRON}" (${config.TZ})`,
    `mini app: ${config.WEBAPP_URL ? `${config.WEBAPP_URL} on port ${config.WEB_PORT}` : 'off (WEBAPP_URL unset)'}`,
    `mode: ${config.WEBHOOK_URL ? `webhook ${config.WEBHOOK_URL} on port ${config.WEBHOOK_PORT}` : 'long polling'}, send rate ${config.SEND_RATE}/s`,
  ];
}
