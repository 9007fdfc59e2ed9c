/**
 * Last resort when Telegram rejects our HTML: the same words, no markup. It undoes markup
 * rather than building it, so it stays with the sender instead of the presentation room.
 */
export function toPlainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
