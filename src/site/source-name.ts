/** A tag is the source name plus 新闻: 四川日报新闻 → 四川日报, 每日经济新闻新闻 → 每日经济新闻 (one suffix only). */
export function sourceFromTag(tag: string): string {
  const t = tag.normalize('NFC').trim();
  return t.endsWith('新闻') && t.length > 2 ? t.slice(0, -2) : t;
}
