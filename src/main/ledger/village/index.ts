// Village copies (issue 15): making a copy, the copy-mode allowlist and outbox, change files out and in.
export { makeVillageCopy, resolveVillages, type CopyMade, type MakeCopyOptions } from './copy';
export { pruneToVillages } from './cut';
export { villageWriteGuard } from './outbox';
export { COPY_ALLOWED_WRITES, readCopyState, type CopyState } from './state';
export {
  exportChanges,
  exportChangesIn,
  verifyChangeFile,
  FORMAT_NAME,
  FORMAT_VERSION,
  type ChangeFile,
} from './files';
export { importChangeFile, type ImportOutcome, type ImportSummary } from './apply';
export { villageHandlers } from './handlers';
export { writeAck, readAck, ACK_FORMAT, type AckFile } from './ack';
export { writeReturn, RETURN_FORMAT, type ReturnFile } from './back';
export { readReturn } from './back-read';
export { resolveQueued } from './queue';
export { setChangeHandlers } from './registry';
export type { VillageTables } from './tables';
