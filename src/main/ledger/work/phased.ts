// A write method in two phases (issue 23.4): `prepare` does the long reading and computing BEFORE the dispatcher
// opens the method's transaction (so the connection is free and other calls are answered meanwhile; the work itself
// runs in a worker thread, offthread.ts), then `write` records the result in the transaction, checking again what
// may have changed in between. Called without a prepared value (directly, not through the dispatcher) the handler
// runs both phases in turn.
import type { MethodSpec, OutputOf, ParsedInputOf } from '../../../shared/api/contract';
import type { Handler, ServiceContext } from '../kernel';

type Prepare<S extends MethodSpec, P> = (ctx: ServiceContext, input: ParsedInputOf<S>) => Promise<P>;

/** What the dispatcher hands the write phase: the prepared value, boxed (it may itself be falsy). */
export interface PreparedBox {
  value: unknown;
}

const PREPARE = Symbol('prepare');

/** `phased<typeof api['x.y']>()(prepare, write)`: a handler whose long part runs before its transaction. */
export function phased<S extends MethodSpec>() {
  return <P>(
    prepare: Prepare<S, P>,
    write: (ctx: ServiceContext, input: ParsedInputOf<S>, prepared: P) => Promise<OutputOf<S>>,
  ): Handler<S> => {
    const handler = async (ctx: ServiceContext, input: ParsedInputOf<S>, box?: PreparedBox) =>
      write(ctx, input, box ? (box.value as P) : await prepare(ctx, input));
    return Object.assign(handler, { [PREPARE]: prepare });
  };
}

/** The prepare phase of a handler made with `phased`, else undefined. */
export function preparerOf(handler: unknown): ((ctx: ServiceContext, input: unknown) => Promise<unknown>) | undefined {
  return (handler as { [PREPARE]?: (ctx: ServiceContext, input: unknown) => Promise<unknown> })[PREPARE];
}
