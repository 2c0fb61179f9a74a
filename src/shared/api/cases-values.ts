// The cases slice's stored values (保障类别, 城乡, case status …); the method table is in cases.ts.
import type { LabelValue } from '../labels';

export const categories = [
  'dibao',
  'tekun',
  'bianyuan',
  'linshi',
  'gangxing',
  'canji_living',
  'canji_care',
  'guer',
  'wurenfuyang',
] as const;
export type Category = (typeof categories)[number];
/** 城乡 and a case's status: the values of their label tables. */
export type AreaValue = LabelValue<'area'>;
export type CaseStatusValue = LabelValue<'caseStatus'>;
/** The pending task a case waits for (worklist). */
export type DueTask = 'investigate' | 'preliminary' | 'publicize' | 'end_publicity' | 'approve' | 'paperwork';
export type RecheckCycle = 'yearly' | 'half_yearly' | 'quarterly';
