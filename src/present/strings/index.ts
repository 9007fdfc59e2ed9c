import type { Lang } from '../../chats/types.ts';
import { en } from './en.ts';
import { type Strings, zh } from './zh.ts';

export type { Strings } from './zh.ts';

const byLang: Record<Lang, Strings> = { zh, en };

/**
 * Every word the bot says, in one language: command replies at the top level, each view's
 * words in a section (`search`, `push`, `ops`, `smart`, `feed`). Chinese unless English was chosen.
 */
export function t(lang: Lang): Strings {
  return byLang[lang] ?? zh;
}

/** A Telegram language_code → our language: English speakers get English, everyone else Chinese. */
export function langFromCode(code: string | undefined): Lang {
  return code?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** `/lang` arguments users actually type. */
export function parseLang(word: string | undefined): Lang | null {
  const w = (word ?? '').trim().toLowerCase();
  if (['zh', 'cn', 'zh-cn', 'zh-hans', 'chinese', '中文', '汉语', '简体'].includes(w)) return 'zh';
  if (['en', 'english', '英文', '英语'].includes(w)) return 'en';
  return null;
}
