import type { ChatLimits } from '../../src/delivery/rate-limiter.ts';
import type { SendGate } from '../../src/delivery/rate-limiter-types.ts';
import { until } from './app-harness.ts';
import { addArticle, addChat, makeHarness } from './delivery-harness.ts';
import type { SentMessage } from './fake-telegram/index.ts';

/** a group window small enough that the test sees it fill: 3 messages a minute */
export const TOPIC_TEST_LIMITS: ChatLimits = {
  private: { max: 1, windowMs: 1_000 },
  group: { max: 3, windowMs: 60_000 },
};

export const FORUM = -1001234567890;

/**
 * Two forum topics of one group, each subscribed, two posts each (4 pushes) through `gate`
 * with TOPIC_TEST_LIMITS. Returns what the group received once the window had time to let
 * more through: 3 when the topics share the group's window, 4 when each had its own.
 */
export async function pushToTwoTopics(gate: SendGate): Promise<SentMessage[]> {
  const h = await makeHarness({ fake: { rateLimits: false }, sendGate: gate });
  try {
    h.fake!.addChat({ id: FORUM, type: 'supergroup', title: 'Markets', isForum: true });
    for (const thread of [11, 22]) {
      const id = await h.chats.topicId(FORUM, thread);
      await addChat(h.chats, id, ['emnews'], { kind: 'supergroup' });
      await h.chats.update(id, { topic: { chatId: FORUM, threadId: thread } });
    }
    const posts = [0, 1].map(() => addArticle(h.articles, { category: 'emnews' }));
    await h.delivery.onNewArticles(posts);
    h.delivery.start();
    await until(() => h.fake!.messages(FORUM).length >= 3, 'the first three pushes');
    // the fourth would go now with a window per topic; a shared one holds it for a minute
    await new Promise((r) => setTimeout(r, 1_500));
    return h.fake!.messages(FORUM);
  } finally {
    await h.close();
  }
}
