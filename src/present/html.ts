/**
 * Telegram HTML built by construction: plain strings are always escaped, and only values
 * made by these helpers pass through unescaped. Nothing else in the code base writes tags.
 */
export class Html {
  private constructor(readonly value: string) {}
  static trusted(value: string): Html {
    return new Html(value);
  }
  toString(): string {
    return this.value;
  }
  get length(): number {
    return this.value.length;
  }
}

/** Telegram's limit; we hold the raw HTML to it, which is stricter than the parsed text. */
export const MESSAGE_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return Html.trusted(out);
}

export const bold = (text: HtmlPart): Html => html`<b>${text}</b>`;
export const italic = (text: HtmlPart): Html => html`<i>${text}</i>`;
export const code = (text: HtmlPart): Html => html`<code>${text}</code>`;

/** Only http(s) links; anything else becomes plain text so a hostile URL can't break the message. */
export function link(url: string, text: HtmlPart): Html {
  if (!/^https?:\/\/[^\s"<>]+$/.test(url)) return html`${text}`;
  return html`<a href="${url}">${text}</a>`;
}

export function join(parts: readonly HtmlPart[], separator: HtmlPart = ''): Html {
  const sep = render(separator);
  return Html.trusted(parts.map(render).join(sep));
}

/** Cuts plain text to at most `max` characters (by code point, never splitting a surrogate pair). */
export function clip(text: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - ellipsis.length)).join('') + ellipsis;
}

/**
 * Packs whole blocks into messages of at most `limit` characters, never cutting a block;
 * a single block over the limit is itself split by `splitOversized` (plain text, escaped).
 */
export function packMessages(blocks: readonly Html[], separator = '\n\n', limit = MESSAGE_LIMIT): Html[] {
  const out: Html[] = [];
  let current = '';
  for (const block of blocks) {
    const pieces = block.length > limit ? splitOversized(block, limit) : [block.value];
    for (const piece of pieces) {
      const candidate = current ? current + separator + piece : piece;
      if (candidate.length <= limit) {
        current = candidate;
      } else {
        if (current) out.push(Html.trusted(current));
        current = piece;
      }
    }
  }
  if (current) out.push(Html.trusted(current));
  return out;
}

/** Last resort for one oversized block: its text without markup, escaped, in chunks. */
function splitOversized(block: Html, limit: number): string[] {
  const text = block.value
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const chunks: string[] = [];
  let current = '';
  for (const ch of Array.from(text)) {
    const esc = escapeHtml(ch);
    if (current.length + esc.length > limit) {
      chunks.push(current);
      current = '';
    }
    current += esc;
  }
  if (current) chunks.push(current);
  return chunks;
}
