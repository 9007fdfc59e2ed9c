import type { StoredArticle } from '../articles/types.ts';
import type { Chat } from '../chats/types.ts';
import type { DigestItem, OutgoingMessage, PushReason } from '../delivery/render-port.ts';
import { formatDateTime } from '../time.ts';
import { bold, clip, Html, html, join, link, MESSAGE_LIMIT, packMessages } from './html.ts';
import { t } from './strings/index.ts';

/** `YYYY-MM-DD HH:mm` in the given zone. */
export const formatTime = formatDateTime;

/** A slug such as `21shijijingjibaodao 21caijingAPP` or `anxin(xianggang)` as a tappable hashtag. */
export function hashtag(slug: string): string {
  const word = slug.replace(/[^\p{L}\p{N}_]/gu, '');
  if (!word) return '';
  // Telegram ignores all-digit hashtags
  return /^\d+$/.test(word) ? `#_${word}` : `#${word}`;
}

/** A push as the views build it: the sender's message with its text still as built HTML. */
export type PushMessage = Omit<OutgoingMessage, 'text'> & { text: Html };

/** One push: the story's first post, naming every twin's source and category. */
export function formatArticle(
  twins: readonly StoredArticle[],
  chat: Chat,
  why: PushReason = {},
): PushMessage {
  const main = twins[0]!;
  // 🔴 urgent, 🔔 a watchlist hit with the watched words in bold
  const flag =
    why.mark === 'urgent'
      ? html`🔴 `
      : why.mark === 'watch'
        ? html`🔔 ${join(
            (why.terms ?? []).slice(0, 5).map((t) => bold(clip(t, 40))),
            ' · ',
          )}\n`
        : null;
  // names and tags come from the site: capped, so only the summary has to give way to fit 4096
  const sources = [...new Set(twins.map((a) => clip(a.source, 60)).filter(Boolean))];
  const tags = [...new Set(twins.map((a) => hashtag(clip(a.category, 60, ''))).filter(Boolean))];
  const head = join([flag, bold(link(main.url, clip(main.title, 300)))]);
  const also = (why.also ?? []).map((s) => clip(s, 60)).filter((s) => s && !sources.includes(s));
  const meta = join(
    [
      join([sources.join(' · '), formatTime(main.publishedAt, chat.tz)].filter(Boolean), ' · '),
      also.length ? t(chat.lang).alsoIn(also) : null,
    ].filter((p) => p !== null),
    '\n',
  );
  const build = (summaryMax: number) =>
    join(
      [
        head,
        chat.showSummary && main.summary && summaryMax > 0 ? clip(main.summary, summaryMax) : null,
        join(
          [meta, tags.join(' ')].filter((p) => String(p).length > 0),
          '\n',
        ),
      ].filter((p) => p !== null),
      '\n\n',
    );
  let text = build(1500);
  if (text.length > MESSAGE_LIMIT) text = build(300);
  if (text.length > MESSAGE_LIMIT) text = build(0);
  // only a monstrous URL or hundreds of twins get here: the title alone still goes out
  if (text.length > MESSAGE_LIMIT)
    text = join([bold(clip(main.title, 300)), tags.slice(0, 5).join(' ')], '\n\n');
  return { text, disablePreview: !chat.linkPreview, readSeq: main.seq };
}

/** "N 条新消息" with linked titles: what a chat gets instead of a backlog it can't receive soon. */
export function formatRollup(stories: readonly StoredArticle[][], chat: Chat, catchUp = false): PushMessage {
  const l = t(chat.lang).push;
  const header = bold((catchUp ? l.catchUp : l.rollup)(stories.length));
  const lines: Html[] = [];
  let length = header.length + 40;
  for (const [i, twins] of stories.entries()) {
    const a = twins[0]!;
    const line = html`• ${link(a.url, clip(a.title, 120))} ${sources(twins)}`;
    if (length + line.length + 1 > MESSAGE_LIMIT - 60) {
      lines.push(html`${l.more(stories.length - i)}`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return { text: join([header, join(lines, '\n')], '\n\n'), disablePreview: true };
}

function sources(twins: readonly StoredArticle[]): Html {
  const names = [...new Set(twins.map((a) => clip(a.source, 60)).filter(Boolean))].slice(0, 5);
  return names.length ? html`(${names.join(' · ')})` : html``;
}

/**
 * A digest as messages ≤ 4096: grouped by category (in order of first appearance), each item a
 * linked title and a one-line summary; messages are cut only between items.
 */
export function formatDigest(items: readonly DigestItem[], chat: Chat, at: number): Html[] {
  const l = t(chat.lang).push;
  const groups = new Map<string, DigestItem[]>();
  for (const it of items) {
    const cat = it.twins[0]!.category;
    const list = groups.get(cat) ?? [];
    list.push(it);
    groups.set(cat, list);
  }
  const blocks: Html[] = [bold(`${l.digest} · ${formatTime(at, chat.tz)}`)];
  for (const [cat, list] of groups) {
    list.forEach((it, i) => {
      const a = it.twins[0]!;
      const summary = chat.showSummary && a.summary ? html`\n${clip(oneLine(a.summary), 80)}` : '';
      const line = html`• ${link(a.url, clip(a.title, 200))} ${sources(it.twins)}${summary}`;
      const head = i === 0 ? html`\n${bold(join([hashtag(cat), a.source].filter(Boolean), ' '))}\n` : null;
      blocks.push(head ? join([head, line]) : line);
    });
  }
  // a category heading opens with a blank line, which must not open a message
  return packMessages(blocks, '\n').map((m) => Html.trusted(m.value.trim()));
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
