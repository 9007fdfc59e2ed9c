import { createOutbox } from '../../src/delivery/outbox.ts';
import { asyncOutbox } from '../../src/delivery/outbox-async.ts';
import { deliveryMigrations } from '../../src/delivery/schema.ts';
import { openDb } from '../../src/storage/db.ts';
import { outboxContract } from './outbox-contract.ts';

outboxContract('SQLite', async () => {
  const db = openDb(':memory:', deliveryMigrations);
  return { outbox: asyncOutbox(createOutbox(db)), close: async () => void db.close() };
});
