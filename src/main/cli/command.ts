// The shape of a `civil-ledger` sub-command. Exit codes: 0 ok, 1 failure, 2 bad usage or bad input
// (import adds 3: rows rejected).
import type { ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Reads a line without echo (passwords); null when there is no terminal. */
  askSecret(prompt: string): Promise<string | null>;
}

export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: CliValues, io: CliIO): Promise<number>;
}

/** Thrown for bad usage: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}

export function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`缺少参数 --${name}`);
  return v;
}
