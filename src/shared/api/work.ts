// 后台任务进度 (issue 23.4): a package build or a comparison runs off the thread that answers calls; while the page
// waits for its answer it polls how far the work is.
import { z } from 'zod';
import { method } from './contract';

/** The methods whose progress can be asked for. */
export const workMethods = ['reports.build', 'compare.run'] as const;
export type WorkMethod = (typeof workMethods)[number];

export interface WorkProgress {
  /** What is being done, for the clerk ('生成报表工作簿', '逐行比对'). */
  step: string;
  done: number;
  total: number;
  /** 0–100. */
  percent: number;
}

export const workApi = {
  /** How far the caller's own running call of `method` is; null when none runs. */
  'work.progress': method<WorkProgress | null>()({
    input: z.object({ method: z.enum(workMethods, { message: '未知的后台任务' }) }),
    access: 'clerk',
  }),
};
