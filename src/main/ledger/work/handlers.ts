// Handlers of the 后台任务进度 slice (src/shared/api/work.ts).
import type { workApi } from '../../../shared/api/work';
import type { Handlers } from '../kernel';
import { progressOf } from './progress';

export const workHandlers: Handlers<typeof workApi> = {
  'work.progress': async (ctx, input) => progressOf(ctx.session, input.method),
};
