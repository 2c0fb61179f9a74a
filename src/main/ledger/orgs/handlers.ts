// Handlers of this capability's contract slice (src/shared/api/orgs.ts). Filled in by its issue.
import type { orgsApi } from '../../../shared/api/orgs';
import type { Handlers } from '../../api/context';

export const orgsHandlers: Handlers<typeof orgsApi> = {};
