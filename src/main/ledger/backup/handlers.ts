// Handlers of this capability's contract slice (src/shared/api/safety.ts). Filled in by its issue.
import type { safetyApi } from '../../../shared/api/safety';
import type { Handlers } from '../../api/context';

export const safetyHandlers: Handlers<typeof safetyApi> = {};
