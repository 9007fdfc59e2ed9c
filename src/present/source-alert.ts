import type { SourceAlert } from '../ops/source-health.ts';
import { t } from './strings/index.ts';

/**
 * The admin alert of the source-health watch. ADMIN_IDS have no language setting, so the table's
 * ops section says it in English with a Chinese gloss, the same in both languages.
 */
export function sourceAlertText(alert: SourceAlert): string {
  const ops = t('zh').ops;
  switch (alert.kind) {
    case 'silent':
      return ops.silent(alert.source, alert.quietMin).value;
    case 'unparsable':
      return ops.unparsable(alert.source, alert.polls).value;
    case 'recovered':
      return ops.recovered(alert.source).value;
  }
}
