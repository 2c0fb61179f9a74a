// The return file, first part: the office's acknowledgement of a copy's changes (applied / queued / refused per
// change id). The copy marks its outbox, stops re-sending those changes and drops the acknowledged files' text.
// Not signed (it carries no records, only what became of the copy's own changes); the copy checks that it is its own.
import { sql } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import type { Ledger } from '../db';
import { appendJournal, type JournalActor } from '../journal';
import { markAcknowledged, readCopyState, townshipCode } from './state';

export const ACK_FORMAT = 'civil-ledger-village-ack';
export const ACK_VERSION = 1;

export interface AckFile {
  format: string;
  formatVersion: number;
  township: string;
  copyId: string;
  /** The last change file the office has imported from this copy. */
  upToFileSeq: number;
  results: { changeId: string; result: 'applied' | 'queued' | 'refused'; message: string | null }[];
  writtenAt: string;
}

/** At the office: what became of every change of the copy imported so far. Reads only. */
export async function writeAck(office: Ledger, copyId: string, now: () => Date = () => new Date()): Promise<string> {
  const copy = (
    await sql<{
      id: string;
      last_file_seq: number;
    }>`SELECT id, last_file_seq FROM village_copies WHERE id = ${copyId}`.execute(office.db)
  ).rows[0];
  if (!copy) throw new LedgerError('BAD_INPUT', `本台账没有编号为 ${copyId} 的村级副本`);
  const code = await townshipCode(office.db);
  const results = (
    await sql<{ change_id: string; result: AckFile['results'][number]['result']; message: string | null }>`
      SELECT change_id, result, message FROM village_applied WHERE copy_id = ${copyId} ORDER BY seq`.execute(office.db)
  ).rows.map((r) => ({ changeId: r.change_id, result: r.result, message: r.message }));
  const file: AckFile = {
    format: ACK_FORMAT,
    formatVersion: ACK_VERSION,
    township: code,
    copyId,
    upToFileSeq: copy.last_file_seq,
    results,
    writtenAt: now().toISOString(),
  };
  return JSON.stringify(file, null, 1);
}

/** In the copy: marks the acknowledged changes. Returns how many were newly marked. */
export async function readAck(
  copy: Ledger,
  text: string,
  actor: JournalActor,
  now: () => Date = () => new Date(),
): Promise<{ acknowledged: number; upToFileSeq: number }> {
  let file: AckFile;
  try {
    file = JSON.parse(text) as AckFile;
  } catch {
    throw new LedgerError('BAD_INPUT', '文件无法读取：不是办公室的确认文件，或文件已损坏。未作任何改动');
  }
  if (!file || file.format !== ACK_FORMAT || !Array.isArray(file.results)) {
    throw new LedgerError('BAD_INPUT', '这不是办公室的确认文件。未作任何改动');
  }
  if (typeof file.formatVersion !== 'number' || file.formatVersion > ACK_VERSION) {
    throw new LedgerError(
      'BAD_INPUT',
      `确认文件由更新版本的软件写出（格式版本 ${String(file.formatVersion)}），请先升级软件。未作任何改动`,
    );
  }
  return copy.db.transaction().execute(async (trx) => {
    const state = await readCopyState(trx);
    if (!state) throw new LedgerError('BAD_INPUT', '这个台账不是村级副本：确认文件只能导入村级副本');
    if (file.copyId !== state.copyId || file.township !== state.townshipCode) {
      throw new LedgerError('BAD_INPUT', '确认文件是给另一个村级副本的，不是本副本的。未作任何改动');
    }
    if (file.upToFileSeq > state.lastFileSeq) {
      throw new LedgerError(
        'BAD_INPUT',
        `确认文件提到第 ${file.upToFileSeq} 号变更文件，而本副本只写出到第 ${state.lastFileSeq} 号。未作任何改动`,
      );
    }
    const at = now().toISOString();
    const acknowledged = await markAcknowledged(trx, file.results, file.upToFileSeq, at);
    await appendJournal(
      trx,
      actor,
      [
        {
          action: 'village.ack',
          entity: 'village_files',
          entityId: String(file.upToFileSeq),
          after: { acknowledged, upToFileSeq: file.upToFileSeq },
        },
      ],
      at,
    );
    return { acknowledged, upToFileSeq: file.upToFileSeq };
  });
}
