// Every method's handler, combined from the capabilities. `satisfies` makes a missing handler a compile error.
import type { Api } from '../../shared/api';
import type { Handlers } from '../ledger/kernel/context';
import { authHandlers } from '../ledger/auth/handlers';
import { townshipHandlers } from '../ledger/township/handlers';
import { casesHandlers } from '../ledger/cases/handlers';
import { stationsHandlers } from '../ledger/stations/handlers';
import { orgsHandlers } from '../ledger/orgs/handlers';
import { reportsHandlers } from '../ledger/reports/handlers';
import { batchHandlers, exchangeHandlers } from '../ledger/exchange/handlers';
import { safetyHandlers } from '../ledger/backup/handlers';
import { attachmentsHandlers } from '../ledger/attachments/handlers';
import { networkHandlers } from '../ledger/network/handlers';
import { childrenHandlers } from '../ledger/children';
import { aidHandlers } from '../ledger/aid';
import { deliveryHandlers } from '../ledger/reports/connection';
import { restoreHandlers } from '../ledger/backup/restoreInApp';
import { lifeEventsHandlers } from '../ledger/lifeevents/handlers';
import { compareHandlers } from '../ledger/compare/handlers';
import { discoveryHandlers } from '../ledger/discovery/handlers';
import { villageHandlers } from '../ledger/village/handlers';
import { setChangeHandlers } from '../ledger/village/registry';
import { workHandlers } from '../ledger/work/handlers';

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
