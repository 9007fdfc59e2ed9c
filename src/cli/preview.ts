import type { CliIo } from '../cli.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../log.ts';
import { createMetrics } from '../metrics.ts';
import { siteClientFromConfig } from '../site/client.ts';
import { readSite } from '../site/read-site.ts';
import { createSummarizer } from '../summarize/index.ts';
import { formatDateTime } from '../time.ts';

/** `kuaixun preview`: reads the site once, stores nothing, needs no token. */
export async function runPreview(config: Config, opts: { json: boolean }, io: CliIo): Promise<number> {
  // logs go to stderr so `--json` output stays clean JSON lines
  const log = createLogger({ level: 'warn', secrets: [], destination: process.stderr, pretty: false });
  const metrics = createMetrics();
  const site = siteClientFromConfig(config, { metrics, log });
  const summarizer = createSummarizer({ budget: config.SUMMARY_BUDGET });
  let lastShown = '';
  const { articles, failures } = await readSite(site, {
    siteUrl: config.SITE_URL,
    log,
    metrics,
    onProgress: (p) => {
      const line = `${p.phase === 'lists' ? 'lists' : 'posts'} ${p.done}/${p.total}`;
      if (line !== lastShown && (p.done === p.total || p.done % 10 === 0)) io.err(`reading ${line}`);
      lastShown = line;
    },
  });
  if (articles.length === 0) {
    io.err(
      `No articles could be read from ${config.SITE_URL} (${failures.length} failed). Is SITE_URL right?`,
    );
    return 1;
  }
  for (const a of articles) {
    const summary = summarizer.summarize(a).summary;
    if (opts.json) {
      const publishedAt = new Date(a.publishedAt).toISOString();
      io.out(
        JSON.stringify({
          url: a.url,
          title: a.title,
          category: a.category,
          source: a.source,
          publishedAt,
          summary,
        }),
      );
    } else {
      io.out(
        `${formatDateTime(a.publishedAt, config.TZ)}  [${a.source || a.category}] ${a.title}\n  ${summary}\n  ${a.url}\n`,
      );
    }
  }
  io.err(`${articles.length} articles, ${failures.length} failed, ${site.stats().requests} requests`);
  return 0;
}
