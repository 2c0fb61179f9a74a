// 儿童福利 handlers, combined from the register, visits/workers and lists/figures.
import type { childrenApi } from '../../../shared/api/children';
import type { Handlers } from '../kernel';
import { listHandlers } from './figures';
import { registryHandlers } from './service';
import { visitHandlers } from './visits';

export const childrenHandlers: Handlers<typeof childrenApi> = {
  ...registryHandlers,
  ...visitHandlers,
  ...listHandlers,
};
