import type { StoredArticle } from '../articles/types.ts';

/** The outbox key of a pushed story: twins (one story key) share it, so a chat gets one. */
export const articleKey = (a: Pick<StoredArticle, 'storyKey' | 'id'>) => `a:${a.storyKey || a.id}`;
