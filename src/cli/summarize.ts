import { readFile } from 'node:fs/promises';
import type { CliIo } from '../cli.ts';
import type { Config } from '../config.ts';
import { cleanBody } from '../site/clean-body.ts';
import { parsePost } from '../site/parse-post.ts';
import { postPath, postPathAtEnd } from '../site/paths.ts';
import { createSummarizer } from '../summarize/index.ts';
import type { SummaryInput } from '../summarize/types.ts';

const MAX_BYTES = 5_000_000;

/** `kuaixun summarize <file|url>`: a rendered post page (or a Jekyll post .md) → its summary. */
export async function runSummarize(
  config: Config,
  target: string | undefined,
  opts: { json: boolean },
  io: CliIo,
): Promise<number> {
  if (!target) {
    io.err('usage: kuaixun summarize <post page file or URL> [--json]');
    return 2;
  }
  let input: SummaryInput;
  try {
    input = /^https?:\/\//.test(target) ? await fromUrl(target) : await fromFile(target, config.SITE_URL);
  } catch (err) {
    io.err(`cannot summarize ${target}: ${(err as Error).message}`);
    return 1;
  }
  const result = createSummarizer({ budget: config.SUMMARY_BUDGET }).summarize(input);
  if (opts.json) io.out(JSON.stringify({ title: input.title, summary: result.summary }));
  else io.out(`${input.title}\n${result.summary}`);
  return 0;
}

async function fromUrl(url: string): Promise<SummaryInput> {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(20_000),
    headers: { 'user-agent': 'kuaixun-cli' },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = await res.text();
  if (body.length > MAX_BYTES) throw new Error('page too large');
  const { pathname, origin } = new URL(url);
  return fromHtml(body, decodeURIComponent(pathname), origin);
}

async function fromFile(file: string, siteUrl: string): Promise<SummaryInput> {
  const text = await readFile(file, 'utf8');
  if (/\.(md|markdown)$/i.test(file)) return fromMarkdown(text);
  const tail = postPathAtEnd(file) ?? postPath('local', '1970-01-01', 'post');
  return fromHtml(text, tail, siteUrl);
}

function fromHtml(html: string, path: string, siteUrl: string): SummaryInput {
  const parsed = parsePost(html, { path, siteUrl });
  if (!parsed.ok) throw new Error(`not a finews post page (${parsed.message})`);
  const { title, paragraphs, digest } = parsed.article;
  return { title, paragraphs, digest };
}

/** A Jekyll source post: front matter title, Markdown/HTML body; `> ` lines are the editor digest. */
function fromMarkdown(text: string): SummaryInput {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error('no front matter');
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(m[1]!)?.[1] ?? '';
  const blocks = m[2]!
    .split(/\r?\n\s*\r?\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => b.replace(/^<(https?:\/\/[^>\s]+)>$/, '<p><a href="$1">$1</a></p>'))
    .map((b) =>
      b.startsWith('> ')
        ? `<blockquote><p>${b.replace(/^> ?/gm, '')}</p></blockquote>`
        : /^</.test(b)
          ? b
          : `<p>${b}</p>`,
    );
  const body = cleanBody(blocks.join('\n'));
  return { title, paragraphs: body.paragraphs, digest: body.digest };
}
