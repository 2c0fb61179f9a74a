// Contract slice: the national division codes (for set-up), the township and its 村(社区) list.
import { z } from 'zod';
import { method } from './contract';
import { reason } from './fields';

export interface DivisionItem {
  code: string;
  name: string;
}

export interface VillageView {
  id: string;
  code: string | null;
  name: string;
  kind: 'village' | 'community';
  active: boolean;
  mergedIntoId: string | null;
  sortOrder: number;
  version: number;
}

const villageName = z.string().trim().min(1, '请填写村(社区)名称').max(40, '名称不能超过 40 个字');

export const townshipApi = {
  /** Provinces (no code), cities (2-digit), counties (4-digit), streets/townships (6-digit county code). */
  'divisions.children': method<DivisionItem[]>()({
    input: z.object({
      parent: z
        .string()
        .regex(/^(\d{2}|\d{4}|\d{6})$/, '区划代码应为 2、4 或 6 位数字')
        .optional(),
    }),
    access: 'public',
  }),
  /** The villages/communities the set-up wizard will create for a street/township. */
  'divisions.villages': method<(DivisionItem & { kind: 'village' | 'community' })[]>()({
    input: z.object({ street: z.string().regex(/^\d{9}$/, '街道/乡镇代码应为 9 位数字') }),
    access: 'public',
  }),
  'villages.list': method<VillageView[]>()({
    input: z.object({ includeInactive: z.boolean().optional() }),
    access: 'clerk',
  }),
  'villages.create': method<VillageView>()({
    input: z.object({ name: villageName, kind: z.enum(['village', 'community']) }),
    access: 'admin',
    write: true,
  }),
  'villages.rename': method<VillageView>()({
    input: z.object({
      id: z.string(),
      version: z.number().int(),
      name: villageName,
      reason: reason(),
    }),
    access: 'admin',
    write: true,
  }),
  /** 撤并: the village is closed and its records point to the target from now on (history is kept). */
  'villages.merge': method<VillageView>()({
    input: z.object({
      id: z.string(),
      version: z.number().int(),
      intoId: z.string(),
      reason: reason(),
    }),
    access: 'admin',
    write: true,
  }),
};
