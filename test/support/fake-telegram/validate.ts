import { checkTelegramHtml, type HtmlEntity } from '../strict-html.ts';
import { badRequest } from './errors.ts';
import { checkTelegramMarkdown } from './markdown.ts';

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_LIMIT = 64;
export const CALLBACK_ANSWER_LIMIT = 200;

export interface ParsedText {
  text: string;
  parseMode?: string;
  plainText: string;
  entities: HtmlEntity[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Telegram refuses any string parameter that is not valid UTF-8 (a lone surrogate after JSON decoding). */
export function assertUtf8(value: unknown): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw badRequest('strings must be encoded in UTF-8');
  } else if (Array.isArray(value)) {
    for (const v of value) assertUtf8(v);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) assertUtf8(v);
  }
}

/** Text or caption as Telegram parses it; limits apply to the text after entity parsing. */
export function parseText(
  raw: unknown,
  parseMode: unknown,
  kind: 'text' | 'caption',
  required: boolean,
): ParsedText | undefined {
  if (raw === undefined || raw === null) {
    if (required) throw badRequest('message text is empty');
    return undefined;
  }
  const text = String(raw);
  let plainText = text;
  let entities: HtmlEntity[] = [];
  if (parseMode !== undefined && parseMode !== null && parseMode !== '') {
    const mode = String(parseMode);
    if (mode.toLowerCase() === 'html') {
      const checked = checkTelegramHtml(text);
      if (!checked.ok) throw badRequest(`can't parse entities: ${checked.error}`);
      plainText = checked.plainText;
      entities = checked.entities;
    } else if (mode === 'MarkdownV2' || mode === 'Markdown') {
      const checked = checkTelegramMarkdown(text, mode);
      if (!checked.ok) throw badRequest(`can't parse entities: ${checked.error}`);
      plainText = checked.plainText;
    } else {
      throw badRequest('unsupported parse_mode');
    }
  }
  if (required && plainText.trim() === '') throw badRequest('message text is empty');
  const limit = kind === 'text' ? TEXT_LIMIT : CAPTION_LIMIT;
  if (plainText.length > limit) {
    throw badRequest(kind === 'text' ? 'message is too long' : 'message caption is too long');
  }
  return {
    text,
    ...(parseMode ? { parseMode: String(parseMode) } : {}),
    plainText,
    entities,
  };
}

const URL_BUTTON = /^(https?:\/\/[^\s]+|tg:\/\/[^\s]+)$/i;
const BUTTON_ACTIONS = [
  'url',
  'callback_data',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'login_url',
  'web_app',
  'pay',
  'callback_game',
  'copy_text',
] as const;

/**
 * reply_markup may arrive as a JSON string (multipart) or an object (JSON body). `chatType`
 * (when the chat is known) lets web_app buttons be checked: Telegram allows them only in
 * private chats, and only with an https URL.
 */
export function parseReplyMarkup(raw: unknown, chatType?: string): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null) return undefined;
  let markup: unknown = raw;
  if (typeof raw === 'string') {
    try {
      markup = JSON.parse(raw);
    } catch {
      throw badRequest("can't parse reply keyboard markup JSON object");
    }
  }
  if (!markup || typeof markup !== 'object' || Array.isArray(markup)) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const obj = markup as Record<string, unknown>;
  if ('inline_keyboard' in obj) validateInlineKeyboard(obj['inline_keyboard'], chatType);
  return obj;
}

function validateInlineKeyboard(rows: unknown, chatType: string | undefined): void {
  if (!Array.isArray(rows))
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  let count = 0;
  for (const row of rows) {
    if (!Array.isArray(row))
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of row) {
      count++;
      validateButton(button, chatType);
    }
  }
  if (count > 100) throw badRequest('reply markup is too long');
}

function validateButton(button: unknown, chatType: string | undefined): void {
  if (!button || typeof button !== 'object')
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  const b = button as Record<string, unknown>;
  if (typeof b['text'] !== 'string' || b['text'].trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  const actions = BUTTON_ACTIONS.filter((key) => b[key] !== undefined);
  if (actions.length !== 1) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if (b['callback_data'] !== undefined) {
    const data = b['callback_data'];
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
    if (bytes < 1 || bytes > CALLBACK_DATA_LIMIT) throw badRequest('BUTTON_DATA_INVALID');
  }
  if (b['url'] !== undefined && (typeof b['url'] !== 'string' || !URL_BUTTON.test(b['url']))) {
    throw badRequest('BUTTON_URL_INVALID');
  }
  if (b['web_app'] !== undefined) {
    if (chatType !== undefined && chatType !== 'private') throw badRequest('BUTTON_TYPE_INVALID');
    validateWebApp(b['web_app']);
  }
}

/** WebAppInfo: Telegram opens Mini Apps only over https. */
export function validateWebApp(info: unknown): void {
  const url = (info as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || !/^https:\/\/[^\s]+$/i.test(url)) throw badRequest('BUTTON_URL_INVALID');
}

/** Whether two reply markups render the same (for "message is not modified"). */
export function sameMarkup(a: unknown, b: unknown): boolean {
  const norm = (m: unknown) =>
    JSON.stringify(m ?? { inline_keyboard: [] }) === JSON.stringify({ inline_keyboard: [] })
      ? ''
      : JSON.stringify(m);
  return norm(a) === norm(b);
}
