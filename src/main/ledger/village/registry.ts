// The service handlers a village change runs through at the office. The core does not import the API layer
// (docs/CONVENTIONS.md, Layers): src/main/api/handlers.ts hands its map over once, at load.
import type { MethodSpec } from '../../../shared/api/contract';
import { api } from '../../../shared/api';
import { LedgerError } from '../../../shared/errors';
import type { JournalEntryInput } from '../journal';
import type { ServiceContext } from '../kernel';

export type HandlerMap = Record<string, (ctx: ServiceContext, input: unknown) => Promise<unknown>>;

let registered: HandlerMap | null = null;

export function setChangeHandlers(map: object): void {
  registered = map as HandlerMap;
}

export function changeHandlers(): HandlerMap {
  if (!registered) throw new Error('village: the handler map was not registered');
  return registered;
}

const apiMap = api as unknown as Record<string, MethodSpec>;

/**
 * Runs one write method's handler with the dispatcher's validation, inside the caller's transaction, journalling
 * through `ctx`. Returns the answer and the journal entries it wrote. A refusal is a LedgerError in Chinese.
 */
export async function runChange(
  ctx: ServiceContext,
  method: string,
  input: unknown,
  handlers: HandlerMap = changeHandlers(),
): Promise<{ out: unknown; entries: JournalEntryInput[] }> {
  const spec = Object.hasOwn(apiMap, method) ? apiMap[method] : undefined;
  const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
  if (!spec || !handler || !spec.write) throw new LedgerError('BAD_INPUT', `未知的操作：${method}`);
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    throw new LedgerError('BAD_INPUT', `输入有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
  }
  const entries: JournalEntryInput[] = [];
  const out = await handler(
    {
      ...ctx,
      journal: async (...e: JournalEntryInput[]) => {
        entries.push(...e);
        await ctx.journal(...e);
      },
    },
    parsed.data,
  );
  if (entries.length === 0) throw new Error(`write method ${method} did not journal`);
  return { out, entries };
}
