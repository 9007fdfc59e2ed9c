import type { Chat } from '../../chats/types.ts';
import type { Deps } from '../../deps.ts';
import { toOpml } from '../feed/opml.ts';

const EXPORT_VERSION = 1;

export type ExportedSource =
  | { type: 'finews'; slug: string; name: string }
  | { type: 'wire'; id: string; name: string }
  | { type: 'feed'; url: string; title: string };

export interface ExportedSettings {
  lang: Chat['lang'];
  mode: Chat['mode'];
  digestTimes: string[];
  tz: string;
  linkPreview: boolean;
  showSummary: boolean;
  /** smart delivery (issue 12): quiet hours, trading-day digests, the urgent break-through */
  quiet?: string;
  digestTrading?: boolean;
  breakThrough?: boolean;
}

/** The JSON /export sends: every subscription and the chat's settings. */
export interface ExportFile {
  kuaixun: typeof EXPORT_VERSION;
  exportedAt: string;
  settings: ExportedSettings;
  sources: ExportedSource[];
  /** watch terms as the user typed them (they reach every source, so they travel with the chat) */
  watch?: string[];
}

/** A chat's subscriptions and settings as data; the OPML holds its feeds and wires, the JSON everything. */
export async function exportChat(
  deps: Pick<Deps, 'feeds' | 'registry' | 'now' | 'watchlists'>,
  chat: Chat,
): Promise<{ json: ExportFile; opml: string; feeds: number }> {
  const sources: ExportedSource[] = [];
  const opmlFeeds: Array<{ title: string; url: string }> = [];
  for (const slug of Object.keys(chat.subscriptions).sort()) {
    const feed = await deps.feeds.bySlug(slug);
    if (feed?.kind === 'wire') {
      sources.push({ type: 'wire', id: feed.id, name: feed.title });
      opmlFeeds.push({ title: feed.title, url: feed.url });
    } else if (feed) {
      sources.push({ type: 'feed', url: feed.url, title: feed.title });
      opmlFeeds.push({ title: feed.title, url: feed.url });
    } else {
      const info = deps.registry.get(slug);
      sources.push({ type: 'finews', slug, name: info?.source || info?.tag || '' });
    }
  }
  const json: ExportFile = {
    kuaixun: EXPORT_VERSION,
    exportedAt: new Date(deps.now()).toISOString(),
    settings: {
      lang: chat.lang,
      mode: chat.mode,
      digestTimes: [...chat.digestTimes],
      tz: chat.tz,
      linkPreview: chat.linkPreview,
      showSummary: chat.showSummary,
      ...(chat.quiet ? { quiet: chat.quiet } : {}),
      ...(chat.digestTrading !== undefined ? { digestTrading: chat.digestTrading } : {}),
      ...(chat.breakThrough !== undefined ? { breakThrough: chat.breakThrough } : {}),
    },
    sources,
    watch: await deps.watchlists.list(chat.id),
  };
  return {
    json,
    // feedsmith refuses an OPML without outlines: a chat of finews sources only gets the JSON alone
    opml: opmlFeeds.length ? toOpml(opmlFeeds, chat.title ? `kuaixun: ${chat.title}` : 'kuaixun') : '',
    feeds: opmlFeeds.length,
  };
}
