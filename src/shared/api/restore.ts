// Contract slice: 恢复 from inside the app (administrators): a backup from the list, fully verified first; the host
// then closes the ledger, restores (keeping the replaced ledger aside) and reopens it. Files without proof are
// restored only from the command line (`civil-ledger restore --unverified`), where an administrator signs for it.
import { z } from 'zod';
import { method } from './contract';
import { backupFile, type BackupVerificationView } from './safety';

export interface RestoreRequestView {
  /** What verification found (the restore goes ahead only when it may). */
  verification: BackupVerificationView;
  /** The ledger is being closed and restored; everyone logs in again afterwards. */
  scheduled: boolean;
  message: string;
}

export const restoreApi = {
  'backups.restore': method<RestoreRequestView>()({
    input: z.object({
      ...backupFile,
      reason: z.string().trim().min(2, '请填写恢复原因（至少 2 个字）').max(200, '原因不能超过 200 字'),
    }),
    access: 'admin',
  }),
};
