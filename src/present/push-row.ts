import type { PushRenderer } from '../delivery/render-port.ts';
import { formatArticle, formatDigest, formatRollup, type PushMessage } from './push.ts';
import { t } from './strings/index.ts';

const sendable = (m: PushMessage) => ({ ...m, text: m.text.value });

/**
 * The renderer delivery is handed by the composition root: a row resolved to data becomes the
 * message the sender sends, in the chat's language and zone.
 */
export const pushRenderer: PushRenderer = {
  row(content, chat) {
    switch (content.kind) {
      case 'digest':
        return { text: content.html, disablePreview: !chat.linkPreview };
      case 'rollup':
        return sendable(formatRollup(content.stories, chat, content.catchUp));
      case 'article':
        return sendable(formatArticle(content.twins, chat, content.why));
    }
  },
  digest: (items, chat, at) => formatDigest(items, chat, at).map((m) => m.value),
  readLabel: (chat) => t(chat.lang).full,
};
