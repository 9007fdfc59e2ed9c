/**
 * The story key shared by twin posts: `emnews/…/202205312398034850` and
 * `cailianshe/…/NW202205312398034850` are one story. Codes that are not numeric (`init`)
 * are their own story, qualified by category so two `init` posts never merge.
 */
export function storyKeyOf(code: string, category: string): string {
  const m = /^(?:NW)?(\d{10,})$/i.exec(code);
  return m ? m[1]! : `${category}/${code}`;
}
