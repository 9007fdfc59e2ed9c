import { describe, expect, it } from 'vitest';
import { newChat } from '../../src/chats/store.ts';
import { parseDigestTimes, parseMode, parseTime, validZone } from '../../src/service/rules.ts';
import { applyChange, parseSettingsChange } from '../../src/service/settings.ts';

const chat = newChat(1, 'private', 'Asia/Shanghai', 0);

describe('service rules', () => {
  it('reads times, modes and zones as the commands always did', () => {
    expect(['7:30', '0730', '19点', '７:０５', '24:00'].map(parseTime)).toEqual([
      '07:30',
      '07:30',
      '19:00',
      '07:05',
      null,
    ]);
    expect(parseDigestTimes(['20:00', '7:30', '0730'])).toEqual({ ok: true, times: ['07:30', '20:00'] });
    expect(parseDigestTimes(['8', 'x'])).toEqual({ ok: false, word: 'x' });
    expect([parseMode('摘要'), parseMode('push'), parseMode('no')]).toEqual(['digest', 'instant', null]);
    expect(validZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(validZone('Mars/Olympus')).toBeNull();
  });

  it('keeps digests meaningful: defaults when switched on without times, instant when all times go', () => {
    expect(applyChange({ ...chat, digestTimes: [] }, { mode: 'digest' })).toEqual({
      mode: 'digest',
      digestTimes: ['08:00', '18:00'],
    });
    expect(applyChange({ ...chat, mode: 'digest' }, { digestTimes: [] })).toEqual({
      digestTimes: [],
      mode: 'instant',
    });
    expect(applyChange(chat, { digestTimes: ['09:00'] })).toEqual({ digestTimes: ['09:00'] });
  });

  it('validates client JSON field by field and refuses unknown fields', () => {
    expect(parseSettingsChange({ digestTimes: ['20:00', '7:30', '7:30'], linkPreview: true })).toEqual({
      ok: true,
      change: { digestTimes: ['07:30', '20:00'], linkPreview: true },
    });
    expect(parseSettingsChange({ digestTimes: ['25:00'] })).toMatchObject({
      ok: false,
      field: 'digestTimes',
    });
    expect(parseSettingsChange({ tz: 'Mars/Olympus' })).toMatchObject({ ok: false, field: 'tz' });
    expect(parseSettingsChange({ lang: 'fr' })).toMatchObject({ ok: false, field: 'lang' });
    expect(parseSettingsChange({ admin: true })).toMatchObject({ ok: false, field: 'admin' });
    expect(parseSettingsChange([])).toMatchObject({ ok: false, field: 'body' });
    expect(parseSettingsChange({ digestTimes: Array(9).fill('08:00') })).toMatchObject({ ok: false });
  });
});
