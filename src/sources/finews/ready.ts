import type { Deps } from '../../deps.ts';

const OWN_SLUG = /^(feed|wire)-/;

/**
 * Has the bot read the list of finews sources at least once? Until the first poll finishes
 * (it may take minutes on a new install) a name it cannot resolve may simply not be read
 * yet: the user is told to try again rather than that the source does not exist.
 */
export async function sourcesReady(deps: Pick<Deps, 'pollState' | 'registry'>): Promise<boolean> {
  const s = await deps.pollState.load();
  if (s.initialized) return true;
  if (s.inProgress) return false;
  // never polled here, but told its sources another way (a restore, tests seeding the registry)
  return deps.registry.all().some((c) => !OWN_SLUG.test(c.slug));
}
