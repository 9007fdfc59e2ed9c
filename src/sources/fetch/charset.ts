import { TextDecoder } from 'node:util';

/**
 * Text from bytes. Chinese feeds are often GBK and often say so only inside the document, so
 * the charset is taken in this order: Content-Type header, BOM, XML declaration or
 * `<meta charset>` / http-equiv in the first bytes, then UTF-8.
 */

/** GBK and GB2312 are subsets of GB18030; decoding them as GB18030 never garbles a character they have. */
const GB_FAMILY = new Set(['gbk', 'gb2312', 'x-gbk', 'cp936', 'gb_2312-80', 'csgb2312', 'euc-cn', 'gb18030']);

export interface Decoded {
  text: string;
  /** the encoding used, as TextDecoder names it (gb18030, utf-8, big5, …) */
  charset: string;
  /** a declared label this Node cannot decode, read as UTF-8 instead */
  unknownLabel: string | null;
}

function charsetFromContentType(contentType: string | null): string | null {
  const m = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '');
  return m?.[1] ?? null;
}

function fromBom(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** The declaration must sit near the top; 2 KB is what browsers look at for <meta>, plenty for <?xml?>. */
function fromDocument(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  // covers <meta charset="gbk"> and <meta http-equiv="Content-Type" content="text/html; charset=gbk">
  const meta = /<meta[^>]+?charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head);
  return meta?.[1] ?? null;
}

function decoderFor(label: string): TextDecoder | null {
  const l = label.trim().toLowerCase();
  try {
    return new TextDecoder(GB_FAMILY.has(l) ? 'gb18030' : l);
  } catch {
    return null;
  }
}

export function decodeBody(bytes: Uint8Array, contentType: string | null): Decoded {
  const label = charsetFromContentType(contentType) ?? fromBom(bytes) ?? fromDocument(bytes);
  const decoder = label ? decoderFor(label) : null;
  const used = decoder ?? new TextDecoder('utf-8');
  return {
    text: used.decode(bytes),
    charset: used.encoding,
    unknownLabel: label && !decoder ? label : null,
  };
}
