import type { ApiErrorCode } from './api/contract';

/**
 * The one error type services throw for anything a clerk should read. The message is Simplified Chinese and names
 * the record or field; `fields` maps a field path to its own message so a form can show it in place.
 */
export class LedgerError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(code: ApiErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.fields = fields;
  }
}

export const notFound = (what: string): LedgerError => new LedgerError('NOT_FOUND', `未找到${what}`);
export const conflict = (message: string): LedgerError => new LedgerError('CONFLICT', message);
export const rule = (message: string, fields?: Record<string, string>): LedgerError =>
  new LedgerError('RULE', message, fields);
export const badInput = (message: string, fields?: Record<string, string>): LedgerError =>
  new LedgerError('BAD_INPUT', message, fields);

/** A stale edit: the record changed since the clerk opened it. */
export const staleEdit = (what: string): LedgerError =>
  new LedgerError('CONFLICT', `${what}已被他人修改，请刷新后重新编辑（您的修改未保存）`);
