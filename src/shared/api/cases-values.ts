// The cases slice's stored values (保障类别, 城乡, case status …); the method table is in cases.ts.
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
export type AreaValue = 'urban' | 'rural';
export type CaseStatusValue =
  | 'applied'
  | 'investigating'
  | 'preliminary'
  | 'publicizing'
  | 'reviewing'
  | 'active'
  | 'rejected'
  | 'withdrawn'
  | 'stopped';
/** The pending task a case waits for (worklist). */
export type DueTask = 'investigate' | 'preliminary' | 'publicize' | 'end_publicity' | 'approve' | 'paperwork';
export type RecheckCycle = 'yearly' | 'half_yearly' | 'quarterly';
