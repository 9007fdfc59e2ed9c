import { bold, type Html, html, join } from '../html.ts';

/** Names as plain escaped text, joined with the language's list separator. */
export const list = (items: readonly string[], sep: string): Html =>
  join(
    items.map((i) => html`${i}`),
    sep,
  );

/** Watched terms in bold, joined with the language's list separator. */
export const words = (items: readonly string[], sep: string): Html =>
  join(
    items.map((i) => bold(i)),
    sep,
  );

/** A filter's words as `+in -out`, or the language's word for none. */
export function filterText(include: readonly string[], exclude: readonly string[], none: string): Html {
  const parts = [...include.map((w) => `+${w}`), ...exclude.map((w) => `-${w}`)];
  return parts.length ? html`${parts.join(' ')}` : html`${none}`;
}
