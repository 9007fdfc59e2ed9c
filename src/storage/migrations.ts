import { articleMigrations } from '../articles/schema.ts';
import { watchMigrations } from '../chats/watch-store.ts';
import { deliveryMigrations } from '../delivery/schema.ts';
import { searchMigrations } from '../search/schema.ts';
import { sourceMigrations } from '../sources/store/schema.ts';
import type { Migration } from './db.ts';
import { kvMigrations } from './keyv-sqlite.ts';

/**
 * Every room's schema, in the order they apply. Each room owns its list (ids are
 * prefixed with the room), so adding a table never edits another room's file.
 */
export function allMigrations(): Migration[] {
  return [
    ...kvMigrations,
    ...articleMigrations,
    ...searchMigrations,
    ...deliveryMigrations,
    ...watchMigrations,
    ...sourceMigrations,
  ];
}
