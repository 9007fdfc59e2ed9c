import type { AsyncArticleStore, StoredArticle } from '../articles/types.ts';
import type { Chat } from '../chats/types.ts';
import type { ArticlePayload, DigestPayload, OutboxRow, RollupPayload } from './outbox.ts';
import type { AsyncOutbox } from './outbox-async.ts';
import type { OutgoingMessage, PushRenderer } from './render-port.ts';

/**
 * The sender's `render` for one row: the row is read back into data here (its story's twins,
 * the message an edit rewrites) and only then handed to the renderer, which owns every word.
 */
export function createRowRender(
  d: { articles: AsyncArticleStore; outbox: Pick<AsyncOutbox, 'editTarget'> },
  renderer: PushRenderer,
): (row: OutboxRow, chat: Chat) => Promise<OutgoingMessage | null> {
  // a fan-out sends one story to thousands of chats: read it once a second, not once a chat
  const storyCache = new Map<string, { at: number; twins: StoredArticle[] }>();
  const story = async (p: ArticlePayload): Promise<StoredArticle[]> => {
    const key = `${p.seq} ${p.story}`;
    const now = Date.now();
    const hit = storyCache.get(key);
    if (hit && now - hit.at < 1000) return hit.twins;
    if (storyCache.size > 1000) storyCache.clear();
    const twins = p.story ? await d.articles.byStory(p.story) : [];
    const first = (await d.articles.getBySeq(p.seq)) ?? twins[0];
    const all = first ? [first, ...twins.filter((t) => t.id !== first.id)] : [];
    storyCache.set(key, { at: now, twins: all });
    return all;
  };
  /** a later copy of a story: its first message again, with 另见 naming the other sources */
  const renderEdit = async (p: ArticlePayload, chat: Chat): Promise<OutgoingMessage | null> => {
    const target = await d.outbox.editTarget(chat.id, p.edit ?? '');
    if (!target || target.rollup_id !== null || ['dropped', 'failed'].includes(target.status)) return null;
    if (target.status !== 'sent' || target.message_id === null)
      return { text: '', disablePreview: true, wait: true };
    const first = JSON.parse(target.payload) as ArticlePayload;
    const twins = await story(first);
    if (!twins.length) return null;
    const msg = renderer.row({ kind: 'article', twins, why: { ...first, also: p.also ?? [] } }, chat);
    return { ...msg, editMessageId: target.message_id };
  };
  return async (row, chat) => {
    if (row.kind === 'digest') {
      const p = JSON.parse(row.payload) as DigestPayload;
      return renderer.row({ kind: 'digest', html: p.html }, chat);
    }
    if (row.kind === 'rollup') {
      const p = JSON.parse(row.payload) as RollupPayload;
      const stories = (await Promise.all(p.items.map(story))).filter((s) => s.length);
      return stories.length
        ? renderer.row({ kind: 'rollup', stories, catchUp: p.catchUp ?? false }, chat)
        : null;
    }
    const p = JSON.parse(row.payload) as ArticlePayload;
    if (p.edit) return renderEdit(p, chat);
    const twins = await story(p);
    return twins.length ? renderer.row({ kind: 'article', twins, why: p }, chat) : null;
  };
}
