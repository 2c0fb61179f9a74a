// Handlers of this capability's contract slice (src/shared/api/stations.ts). Filled in by its issue.
import type { stationsApi } from '../../../shared/api/stations';
import type { Handlers } from '../../api/context';

export const stationsHandlers: Handlers<typeof stationsApi> = {};
