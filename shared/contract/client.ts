// The typed client the renderer uses: one function per method, over any transport.
import type { MethodInput, MethodName, MethodOutput } from './methods';
import { HostError, isHostErrorShape } from './errors';

/** A transport answers either { ok: true, value } or { ok: false, error }. */
export type Reply = { ok: true; value: unknown } | { ok: false; error: unknown };
export type Invoke = (method: MethodName, input: unknown) => Promise<Reply>;

export interface Client {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export function createClient(invoke: Invoke): Client {
  return {
    async call(method, input) {
      const reply = await invoke(method, input);
      if (reply.ok) return reply.value as never;
      const e = reply.error;
      if (isHostErrorShape(e)) throw new HostError(e.code, e.message, e.details);
      throw new HostError('INTERNAL', 'Malformed error from host');
    },
  };
}
