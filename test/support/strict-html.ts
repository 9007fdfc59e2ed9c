/**
 * Telegram's HTML parse mode, checked more strictly than Telegram itself: every `<`, `>` and
 * `&` that is not part of a tag or one of the four named / numeric entities is an error, so
 * text that passes here is accepted by Telegram and renders exactly as built.
 * https://core.telegram.org/bots/api#html-style
 */

import { byteOffset, readEntity, readTag, type Tag } from './fake-telegram/html-lexer.ts';

export interface HtmlEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export type HtmlCheck =
  | { ok: true; plainText: string; entities: HtmlEntity[] }
  | { ok: false; error: string };

const ENTITY_OF_TAG: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

interface Open {
  name: string;
  start: number; // UTF-16 offset in the plain text
  entity: HtmlEntity | null;
  at: number; // index in the source, for error messages
}

class ParseError extends Error {}

function allowedAttrs(name: string, parent: string | undefined, tag: Tag, fail: (m: string) => never) {
  const only = (allowed: string[]) => {
    for (const key of tag.attrs.keys()) {
      if (!allowed.includes(key)) fail(`Unsupported attribute "${key}" in tag "${name}"`);
    }
  };
  const value = (key: string) => {
    const v = tag.attrs.get(key);
    if (v === true) fail(`Attribute "${key}" of tag "${name}" needs a value`);
    return v;
  };
  const entity: HtmlEntity = { type: ENTITY_OF_TAG[name] ?? name, offset: 0, length: 0 };
  switch (name) {
    case 'a': {
      only(['href']);
      const href = value('href');
      if (href === undefined) fail('Tag "a" must have attribute "href"');
      if (!/^(https?:\/\/[^\s]+|tg:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href.trim())) {
        fail(`Unsupported URL "${href}" in tag "a"`);
      }
      entity.url = href.trim();
      break;
    }
    case 'span':
      only(['class']);
      if (value('class') !== 'tg-spoiler') fail('Tag "span" must have class "tg-spoiler"');
      break;
    case 'code': {
      only(['class']);
      const cls = value('class');
      if (cls !== undefined) {
        if (!/^language-[a-zA-Z0-9_+#.-]+$/.test(cls)) fail(`Unsupported class "${cls}" in tag "code"`);
      }
      // `<pre><code class="language-x">` is one pre entity carrying the language
      if (parent === 'pre') return { entity: null, language: cls?.slice('language-'.length) };
      break;
    }
    case 'blockquote':
      only(['expandable']);
      if (tag.attrs.get('expandable') !== undefined && tag.attrs.get('expandable') !== true) {
        fail('Attribute "expandable" takes no value');
      }
      if (tag.attrs.has('expandable')) entity.type = 'expandable_blockquote';
      break;
    case 'tg-emoji': {
      only(['emoji-id']);
      const id = value('emoji-id');
      if (id === undefined || !/^[0-9]+$/.test(id)) fail('Tag "tg-emoji" must have a numeric "emoji-id"');
      entity.custom_emoji_id = id;
      break;
    }
    default:
      only([]);
  }
  return { entity, language: undefined };
}

export function checkTelegramHtml(text: string): HtmlCheck {
  let pos = 0;
  const fail: (msg: string) => never = (msg) => {
    throw new ParseError(`${msg} at byte offset ${byteOffset(text, pos)}`);
  };
  let plain = '';
  const stack: Open[] = [];
  const entities: HtmlEntity[] = [];
  try {
    while (pos < text.length) {
      const c = text[pos];
      if (c === '&') {
        const [decoded, next] = readEntity(text, pos, fail);
        plain += decoded;
        pos = next;
      } else if (c === '>') {
        fail('Character ">" must be escaped as "&gt;"');
      } else if (c === '<') {
        const tag = readTag(text, pos, fail);
        if (!(tag.name in ENTITY_OF_TAG))
          fail(`Unsupported ${tag.closing ? 'end' : 'start'} tag "${tag.name}"`);
        const top = stack[stack.length - 1];
        if (tag.closing) {
          if (!top) fail(`Unexpected end tag "${tag.name}"`);
          if (top.name !== tag.name) fail(`Unmatched end tag "${tag.name}", expected "</${top.name}>"`);
          stack.pop();
          if (top.entity && plain.length > top.start) {
            entities.push({ ...top.entity, offset: top.start, length: plain.length - top.start });
          }
        } else {
          if (top && (top.name === 'code' || (top.name === 'pre' && tag.name !== 'code'))) {
            fail(`Tag "${tag.name}" can't be nested inside "${top.name}"`);
          }
          if (tag.name === 'a' && stack.some((o) => o.name === 'a')) fail("Links can't be nested");
          if (tag.name === 'blockquote' && stack.some((o) => o.name === 'blockquote')) {
            fail("Blockquotes can't be nested");
          }
          const { entity, language } = allowedAttrs(tag.name, top?.name, tag, fail);
          if (language !== undefined && top?.entity) top.entity.language = language;
          stack.push({ name: tag.name, start: plain.length, entity, at: pos });
        }
        pos = tag.end;
      } else {
        plain += c;
        pos++;
      }
    }
    const unclosed = stack[stack.length - 1];
    if (unclosed) {
      pos = unclosed.at;
      fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    }
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, plainText: plain, entities };
}
