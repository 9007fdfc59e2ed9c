import { openFixture } from './fixture.ts';
import { describeRecall } from './recall-contract.ts';

describeRecall('SQLite', () => openFixture());
