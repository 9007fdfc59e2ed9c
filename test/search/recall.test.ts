import { openFixture } from '../support/search-fixture.ts';
import { describeRecall } from './recall-contract.ts';

describeRecall('SQLite', () => openFixture());
