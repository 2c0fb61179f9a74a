// The API contract's building blocks. Every capability declares a slice (a map of method name -> spec) in its own
// file under src/shared/api/; index.ts combines the slices. The dispatcher (src/main/api) and the renderer's client
// (src/renderer/api) both derive their types from the combined map, so a method exists in exactly one place.
import type { z } from 'zod';

/** 管理员 / 审核人 / 经办人. */
export type Role = 'admin' | 'reviewer' | 'clerk';

/**
 * Who may call a method:
 * - 'public': no login needed (login itself, first-run status and set-up);
 * - 'clerk': any logged-in user;
 * - 'reviewer': 审核人 or 管理员;
 * - 'admin': 管理员 only.
 */
export type Access = 'public' | 'clerk' | 'reviewer' | 'admin';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** A write method runs in one transaction and must journal at least one entry. */
  write: boolean;
  /** Phantom: the output type, for the typed client. Never set at run time. */
  readonly __output?: O;
}

/** `method<Output>()({ input, access, write })` — the output type is given explicitly, the input inferred. */
export function method<O>() {
  return <I extends z.ZodType>(spec: { input: I; access: Access; write?: boolean }): MethodSpec<I, O> => ({
    input: spec.input,
    access: spec.access,
    write: spec.write ?? false,
  });
}

export type ApiSlice = Record<string, MethodSpec>;

export type InputOf<S> = S extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer O> ? O : never;

export function roleSatisfies(role: Role, access: Access): boolean {
  switch (access) {
    case 'public':
    case 'clerk':
      return true;
    case 'reviewer':
      return role === 'reviewer' || role === 'admin';
    case 'admin':
      return role === 'admin';
  }
}

/** Error codes the transports carry; the message is always Simplified Chinese, ready for a clerk to read. */
export type ApiErrorCode =
  | 'BAD_INPUT' // the input failed validation; `fields` names each field
  | 'UNAUTHENTICATED' // no session, expired, or locked by idleness
  | 'FORBIDDEN' // the role may not do this
  | 'NOT_FOUND'
  | 'CONFLICT' // stale edit, duplicate, exclusion rule, locked period
  | 'RULE' // a domain rule refused the change
  | 'UNKNOWN_METHOD'
  | 'INTERNAL';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** field path -> Chinese message, for forms to show next to the field. */
  fields?: Record<string, string>;
}

export type ApiResponse<O> = { ok: true; data: O } | { ok: false; error: ApiErrorBody };

/** One call as the transports carry it. */
export interface ApiRequest {
  method: string;
  input: unknown;
  /** Session token from `auth.login`; absent for public methods. */
  session?: string | undefined;
  /**
   * A client-made id (UUID) for a write the client may send again (the office network: a lost answer, a restarted
   * host). A write already done under this id returns its stored answer and writes nothing again.
   */
  requestId?: string | undefined;
}
