// Handlers of this capability's contract slice (src/shared/api/exchange.ts). Filled in by its issue.
import type { exchangeApi } from '../../../shared/api/exchange';
import type { Handlers } from '../../api/context';

export const exchangeHandlers: Handlers<typeof exchangeApi> = {};
