import type { Deps } from '../../deps.ts';
import { resolveWire } from '../catalog/catalog.ts';
import { type AddFeedResult, addFeedUrl, type FeedRefusal } from '../subscribe/add-feed.ts';
import { addWire } from '../subscribe/add-wire.ts';
import type { ServiceDeps } from '../subscribe/subscribe-feed.ts';
import type { ExportedSource } from './export.ts';
import { type ImportPlan, sourceLabel } from './import.ts';

export type ImportError = FeedRefusal | 'over-limit' | 'unknown-source' | 'unreadable';

export interface ImportResult {
  added: number;
  already: number;
  /** line by line: the entry as written and why it was not restored */
  errors: Array<{ line: string; why: ImportError | string }>;
  skipped: number;
}

/**
 * Restores an /export file into a chat: subscriptions (finews categories, wires, feeds) and
 * settings. Idempotent (what is there stays, counted as already), capped by the plan and by
 * the usual per-chat limits, one entry at a time so a failing feed costs only its line.
 */
export async function applyImport(
  deps: ServiceDeps & Pick<Deps, 'watchlists'>,
  chatId: number,
  plan: ImportPlan,
  who: { operator: boolean },
): Promise<ImportResult> {
  const res: ImportResult = {
    added: 0,
    already: 0,
    errors: plan.errors.map((e) => ({ line: e.line, why: e.why })),
    skipped: plan.skipped,
  };
  for (const s of plan.sources) {
    const r = await one(deps, chatId, s, who);
    if (r === 'added') res.added++;
    else if (r === 'already') res.already++;
    else res.errors.push({ line: sourceLabel(s), why: r });
  }
  if (Object.keys(plan.settings).length) await deps.chats.update(chatId, plan.settings);
  if (plan.watch.length) {
    const w = await deps.watchlists.add(chatId, plan.watch);
    res.added += w.added.length;
    res.already += w.already.length;
    for (const r of w.rejected) res.errors.push({ line: `watch: ${r.term}`, why: r.reason });
    for (const term of [...w.overChat, ...w.overTotal])
      res.errors.push({ line: `watch: ${term}`, why: 'over-limit' });
  }
  return res;
}

async function one(
  deps: ServiceDeps,
  chatId: number,
  s: ExportedSource,
  who: { operator: boolean },
): Promise<'added' | 'already' | ImportError> {
  const outcome = (r: AddFeedResult) => (r.ok ? (r.added ? 'added' : 'already') : r.reason);
  if (s.type === 'feed') return outcome(await addFeedUrl(deps, chatId, s.url, who));
  if (s.type === 'wire') {
    const wire =
      deps.feedKit.catalog.wires.find((w) => w.id === s.id) ?? resolveWire(deps.feedKit.catalog, s.id);
    return wire ? outcome(await addWire(deps, chatId, wire)) : 'unknown-source';
  }
  if (!deps.registry.get(s.slug) || /^(feed|wire)-/.test(s.slug)) return 'unknown-source';
  const r = await deps.chats.subscribe(chatId, [s.slug], deps.now());
  return r.added.length ? 'added' : r.already.length ? 'already' : 'over-limit';
}
