import { describe, expect, it } from 'vitest';
import { newChat } from '../../src/chats/store.ts';
import { createNormalizer } from '../../src/search/normalize.ts';
import { checkFilter, MAX_FILTER_WORDS } from '../../src/service/filters.ts';
import { applyChange, parseSettingsChange } from '../../src/service/settings.ts';

const chat = newChat(1, 'private', 'Asia/Shanghai', 0);

describe('smart-delivery rules shared by commands and the app', () => {
  it('checks filter words as watch terms: normalised, deduplicated, capped', () => {
    const deps = { normalizer: createNormalizer() };
    const ok = checkFilter(deps, ['降准', '降准'], ['广告']);
    expect(ok).toMatchObject({ ok: true, filter: { exclude: [expect.any(String)] } });
    expect(ok.ok && ok.filter.include).toHaveLength(1);
    expect(checkFilter(deps, ['  '], [])).toMatchObject({ ok: false, reason: 'empty', word: '  ' });
    const many = Array.from({ length: MAX_FILTER_WORDS + 1 }, (_, i) => `w${i}`);
    expect(checkFilter(deps, many, [])).toEqual({ ok: false, reason: 'too-many' });
  });

  it('reads quiet hours as /quiet does, and null clears them', () => {
    expect(parseSettingsChange({ quiet: '23-7' })).toEqual({ ok: true, change: { quiet: '23:00-07:00' } });
    expect(parseSettingsChange({ quiet: '7:00-7:00' })).toMatchObject({ ok: false, field: 'quiet' });
    expect(parseSettingsChange({ digestTrading: 1 })).toMatchObject({ ok: false, field: 'digestTrading' });
    const cleared = applyChange({ ...chat, quiet: '23:00-07:00' }, { quiet: null });
    // present but undefined: the store's merge must overwrite the old range, not keep it
    expect(Object.hasOwn(cleared, 'quiet')).toBe(true);
    expect(cleared.quiet).toBeUndefined();
    expect(applyChange(chat, { breakThrough: false })).toEqual({ breakThrough: false });
  });
});
