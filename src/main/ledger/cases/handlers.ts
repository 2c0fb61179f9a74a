// Handlers of this capability's contract slice (src/shared/api/cases.ts). Filled in by its issue.
import type { casesApi } from '../../../shared/api/cases';
import type { Handlers } from '../../api/context';

export const casesHandlers: Handlers<typeof casesApi> = {};
