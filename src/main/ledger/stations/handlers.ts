// Handlers of the 养老服务台账 contract slice (src/shared/api/stations.ts), combined from the services.
import type { stationsApi } from '../../../shared/api/stations';
import type { Handlers } from '../kernel';
import { credentialHandlers } from './credentials';
import { elderlyHandlers } from './elderly';
import { facilityHandlers } from './facilities';
import { computeElderlyFigures } from './figures';
import { operationHandlers } from './operations';
import { serviceHandlers } from './services';
import { visitHandlers } from './visits';

export const stationsHandlers: Handlers<typeof stationsApi> = {
  ...facilityHandlers,
  ...credentialHandlers,
  ...operationHandlers,
  ...elderlyHandlers,
  ...serviceHandlers,
  ...visitHandlers,
  'stations.figures': async (ctx, input) => computeElderlyFigures(ctx.db, input.month),
};
