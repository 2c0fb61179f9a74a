// Handlers of this capability's contract slice (src/shared/api/reports.ts). Filled in by its issue.
import type { reportsApi } from '../../../shared/api/reports';
import type { Handlers } from '../../api/context';

export const reportsHandlers: Handlers<typeof reportsApi> = {};
