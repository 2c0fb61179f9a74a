// Contract slice: trying the delivery settings of 报表设置 before the month's package depends on them — the municipal
// upload address (HTTPS reachable, certificate valid) and the export folder (a USB drive: present and writable).
import { z } from 'zod';
import { method } from './contract';

export interface ConnectionCheck {
  ok: boolean;
  /** What was tried and what happened, in the clerk's words. */
  message: string;
  /** HTTP status the address answered with, when it answered. */
  httpStatus: number | null;
  elapsedMs: number;
}

export const deliveryApi = {
  'reports.testDelivery': method<ConnectionCheck>()({
    input: z
      .object({
        uploadUrl: z.string().trim().max(500).optional(),
        exportFolder: z.string().trim().max(500).optional(),
      })
      .refine((v) => Boolean(v.uploadUrl) !== Boolean(v.exportFolder), '请给出上报地址或导出文件夹之一'),
    access: 'reviewer',
  }),
};
