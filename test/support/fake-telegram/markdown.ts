/**
 * Telegram's MarkdownV2 (and legacy Markdown) parse modes, checked for the errors Telegram
 * reports: reserved characters not escaped, entities not closed. The project sends HTML; this
 * exists so a stray MarkdownV2 message fails here exactly as it would in production.
 * https://core.telegram.org/bots/api#markdownv2-style
 */

export type MarkdownCheck = { ok: true; plainText: string } | { ok: false; error: string };

const RESERVED_V2 = new Set('_*[]()~`>#+-=|{}.!'.split(''));

class MdError extends Error {}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** Reads code or pre content up to the closing fence; only \` and \\ are escapes there. */
function readCode(text: string, start: number, fence: string): [string, number] {
  let out = '';
  for (let i = start; i < text.length; ) {
    if (text.startsWith(fence, i)) return [out, i + fence.length];
    if (text[i] === '\\' && (text[i + 1] === '`' || text[i + 1] === '\\')) {
      out += text[i + 1];
      i += 2;
    } else {
      out += text[i];
      i++;
    }
  }
  throw new MdError(
    `Can't find end of ${fence.length === 3 ? 'Pre' : 'Code'} entity at byte offset ${byteOffset(text, start - fence.length)}`,
  );
}

function readUrl(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ')') return i + 1;
  }
  throw new MdError(`Can't find end of a url at byte offset ${byteOffset(text, start)}`);
}

export function checkTelegramMarkdown(text: string, version: 'MarkdownV2' | 'Markdown'): MarkdownCheck {
  const v2 = version === 'MarkdownV2';
  const stack: { marker: string; at: number }[] = [];
  let plain = '';
  const toggle = (marker: string, at: number) => {
    if (stack[stack.length - 1]?.marker === marker) stack.pop();
    else if (stack.some((s) => s.marker === marker)) {
      throw new MdError(`Can't find end of the entity starting at byte offset ${byteOffset(text, at)}`);
    } else stack.push({ marker, at });
  };
  try {
    for (let i = 0; i < text.length; ) {
      const c = text[i] ?? '';
      const next = text[i + 1];
      if (v2 && c === '\\') {
        if (next === undefined) throw new MdError(`Character '\\' at the end of the text must be escaped`);
        const cp = text.codePointAt(i + 1) ?? 0;
        plain += String.fromCodePoint(cp);
        i += cp > 0xffff ? 3 : 2;
      } else if (c === '`') {
        const fence = text.startsWith('```', i) ? '```' : '`';
        const [code, end] = readCode(text, i + fence.length, fence);
        plain += fence === '```' ? code.replace(/^[^\n]*\n/, '') : code;
        i = end;
      } else if (c === '*' || c === '~' || (c === '_' && !(v2 && next === '_'))) {
        if (c === '~' && !v2) plain += c;
        else toggle(c, i);
        i++;
      } else if (v2 && ((c === '_' && next === '_') || (c === '|' && next === '|'))) {
        toggle(c + c, i);
        i += 2;
      } else if (c === '[' || (v2 && c === '!' && next === '[')) {
        stack.push({ marker: '[', at: i });
        i += c === '!' ? 2 : 1;
      } else if (c === ']' && stack[stack.length - 1]?.marker === '[') {
        stack.pop();
        if (text[i + 1] !== '(') {
          if (v2) throw new MdError(`Can't find end of a url at byte offset ${byteOffset(text, i)}`);
          i++;
        } else i = readUrl(text, i + 2);
      } else if (v2 && c === '>' && (i === 0 || text[i - 1] === '\n')) {
        i++; // blockquote marker
      } else if (v2 && RESERVED_V2.has(c)) {
        throw new MdError(
          `Character '${c}' is reserved and must be escaped with the preceding '\\' at byte offset ${byteOffset(text, i)}`,
        );
      } else {
        plain += c;
        i++;
      }
    }
    const open = stack[stack.length - 1];
    if (open)
      throw new MdError(`Can't find end of the entity starting at byte offset ${byteOffset(text, open.at)}`);
  } catch (e) {
    if (e instanceof MdError) return { ok: false, error: e.message };
    throw e;
  }
  return { ok: true, plainText: plain };
}
