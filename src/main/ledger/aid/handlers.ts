// 物资与服务类救助, 慈善帮扶: handlers combined.
import type { aidApi } from '../../../shared/api/aid';
import type { Handlers } from '../kernel';
import { charityHandlers } from './charity';
import { goodsHandlers } from './goods';

export const aidHandlers: Handlers<typeof aidApi> = { ...goodsHandlers, ...charityHandlers };
