import type { Lang } from '../chats/types.ts';
import { en } from './i18n-en.ts';
import { zh } from './i18n-zh.ts';

export type Messages = typeof zh;

const byLang: Record<Lang, Messages> = { zh, en };

/** The strings of one language; Chinese unless English was chosen. */
export function t(lang: Lang): Messages {
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
