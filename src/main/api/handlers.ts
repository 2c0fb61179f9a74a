// Every method's handler, combined from the capabilities. `satisfies` makes a missing handler a compile error.
import type { Api } from '../../shared/api';
import type { Handlers } from '../ledger/kernel';
import { authHandlers } from '../ledger/auth';
import { townshipHandlers } from '../ledger/township';
import { casesHandlers } from '../ledger/cases';
import { stationsHandlers } from '../ledger/stations';
import { orgsHandlers } from '../ledger/orgs';
import { reportsHandlers, deliveryHandlers } from '../ledger/reports';
import { batchHandlers, exchangeHandlers } from '../ledger/exchange';
import { safetyHandlers, restoreHandlers } from '../ledger/backup';
import { attachmentsHandlers } from '../ledger/attachments';
import { networkHandlers } from '../ledger/network';
import { childrenHandlers } from '../ledger/children';
import { aidHandlers } from '../ledger/aid';
import { lifeEventsHandlers } from '../ledger/lifeevents';
import { compareHandlers } from '../ledger/compare';
import { discoveryHandlers } from '../ledger/discovery';
import { villageHandlers, setChangeHandlers } from '../ledger/village';
import { registerTasks, workHandlers } from '../ledger/work';
import { offThreadTasks } from './tasks';

export const handlers = {
  ...authHandlers,
  ...townshipHandlers,
  ...casesHandlers,
  ...stationsHandlers,
  ...orgsHandlers,
  ...reportsHandlers,
  ...exchangeHandlers,
  ...safetyHandlers,
  ...attachmentsHandlers,
  ...networkHandlers,
  ...childrenHandlers,
  ...aidHandlers,
  ...deliveryHandlers,
  ...restoreHandlers,
  ...lifeEventsHandlers,
  ...compareHandlers,
  ...discoveryHandlers,
  ...villageHandlers,
  ...workHandlers,
  ...batchHandlers,
} satisfies Handlers<Api>;
// A village change file runs each change through these same handlers (the core does not import this layer).
setChangeHandlers(handlers);
// The capabilities' off-thread tasks (work, a lower layer, names none of them).
registerTasks(offThreadTasks);
