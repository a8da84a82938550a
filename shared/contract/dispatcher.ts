// The host side of the contract: validates every input before a service sees it and every
// output before it leaves; every failure becomes a stable { code, message, details? }.
import { z } from 'zod';
import { HostError, type HostErrorShape } from './errors';
import { isMethodName, methods, type MethodName, type Methods } from './methods';
import type { Reply } from './client';

export type Impl = {
  [M in MethodName]: (
    input: z.output<Methods[M]['input']>,
  ) => z.input<Methods[M]['output']> | Promise<z.input<Methods[M]['output']>>;
};

export type Dispatch = (method: string, input: unknown) => Promise<Reply>;

function zodDetails(error: z.ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues.slice(0, 20)) {
    // A refinement (R-REC-1) names its reason, e.g. ENDED_BEFORE_ANSWERED; zod's own issues
    // keep their code.
    const reason = issue.code === 'custom' ? (issue.params as { reason?: unknown })?.reason : null;
    details[issue.path.join('.') || '_'] = typeof reason === 'string' ? reason : issue.code;
  }
  return details;
}

export function createDispatcher(
  impl: Impl,
  onInternalError: (method: string, err: unknown) => void = () => {},
): Dispatch {
  return async (method, input) => {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return fail({ code: 'UNKNOWN_METHOD', message: 'Unknown method' });
    }
    const spec = methods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail({
        code: 'INVALID_INPUT',
        message: `Invalid input for ${method}`,
        details: zodDetails(parsed.error),
      });
    }
    let value: unknown;
    try {
      value = await (impl[method] as (i: unknown) => unknown)(parsed.data);
    } catch (err) {
      if (err instanceof HostError) return fail(err.toJSON());
      onInternalError(method, err);
      return fail({ code: 'INTERNAL', message: 'Internal error' });
    }
    const out = spec.output.safeParse(value);
    if (!out.success) {
      onInternalError(method, out.error);
      return fail({ code: 'INVALID_OUTPUT', message: `Invalid output from ${method}` });
    }
    return { ok: true, value: out.data };
  };
}

function fail(error: HostErrorShape): Reply {
  return { ok: false, error };
}
