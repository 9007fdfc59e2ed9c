/**
 * HTML elements that start a new line when a page or a feed item is turned into plain text.
 * The finews cleaner (src/site/clean-body.ts) and the feed text reader (src/sources/feed/text.ts)
 * both read them; each adds the few its own markup needs.
 */
export const BLOCK_ELEMENTS: readonly string[] = [
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'figure',
  'figcaption',
  'header',
  'footer',
  'hr',
];
