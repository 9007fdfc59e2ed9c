import type { SourceAlert } from '../ops/source-health.ts';
import { html } from './html.ts';

/**
 * The admin alert of the source-health watch. ADMIN_IDS have no language setting, so the alert
 * says it in English with a Chinese gloss.
 */
export function sourceAlertText(alert: SourceAlert): string {
  switch (alert.kind) {
    case 'silent':
      return html`⚠️ <b>快讯 source alert</b>\n${alert.source} has shown no new posts for ${alert.quietMin} min. 站点长时间没有新文章。`
        .value;
    case 'unparsable':
      return html`⚠️ <b>快讯 source alert</b>\n${alert.source} answers but its posts no longer parse (${alert.polls} polls in a row). 站点结构可能已变化。`
        .value;
    case 'recovered':
      return html`✅ <b>快讯 source recovered</b>\n${alert.source}: new posts are parsed again. 站点已恢复。`
        .value;
  }
}
