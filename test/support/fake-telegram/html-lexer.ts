/** The lexical half of the strict Telegram HTML check: entities, tags and attributes. */

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** Decodes the entity starting at `text[i] === '&'`; returns [decoded, nextIndex]. */
export function readEntity(text: string, i: number, fail: (msg: string) => never): [string, number] {
  const semi = text.indexOf(';', i);
  const body = semi === -1 ? '' : text.slice(i + 1, semi);
  if (semi === -1 || semi - i > 12) fail('Character "&" must be escaped as "&amp;"');
  const named = NAMED_ENTITIES[body];
  if (named !== undefined) return [named, semi + 1];
  const numeric = /^#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}))$/.exec(body);
  if (!numeric) fail(`Unsupported HTML entity "&${body};"`);
  const code = numeric[1] !== undefined ? Number(numeric[1]) : Number.parseInt(numeric[2] ?? '', 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    fail(`Invalid numeric HTML entity "&${body};"`);
  }
  return [String.fromCodePoint(code), semi + 1];
}

export function decodeValue(value: string, fail: (msg: string) => never): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i];
    if (c === '&') {
      const [decoded, next] = readEntity(value, i, fail);
      out += decoded;
      i = next;
    } else if (c === '<') {
      fail('Character "<" in an attribute value must be escaped');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export interface Tag {
  name: string;
  closing: boolean;
  attrs: Map<string, string | true>;
  end: number;
}

export function readTag(text: string, i: number, fail: (msg: string) => never): Tag {
  const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(text.slice(i, i + 40));
  if (!m) fail('Character "<" must be escaped as "&lt;"');
  const closing = m[1] === '/';
  const name = (m[2] ?? '').toLowerCase();
  let j = i + m[0].length;
  const attrs = new Map<string, string | true>();
  const attrRe = /\s+([a-zA-Z][a-zA-Z0-9_-]*)(?:\s*=\s*("([^"]*)"|'([^']*)'|[^\s>]*))?/y;
  for (;;) {
    attrRe.lastIndex = j;
    const a = attrRe.exec(text);
    if (!a) break;
    if (closing) fail(`End tag "${name}" must not have attributes`);
    const attrName = (a[1] ?? '').toLowerCase();
    if (attrs.has(attrName)) fail(`Duplicate attribute "${attrName}"`);
    if (a[2] === undefined) attrs.set(attrName, true);
    else if (a[3] === undefined && a[4] === undefined)
      fail(`Value of attribute "${attrName}" must be quoted`);
    else attrs.set(attrName, decodeValue(a[3] ?? a[4] ?? '', fail));
    j = attrRe.lastIndex;
  }
  while (text[j] === ' ' || text[j] === '\t' || text[j] === '\n') j++;
  if (text[j] !== '>') fail(text[j] === undefined ? 'Unclosed start tag' : 'Unexpected character in tag');
  return { name, closing, attrs, end: j + 1 };
}
