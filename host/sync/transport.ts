// HTTP calls to the sync server and how their failures are classified: network errors, 5xx and
// 429 are worth retrying with backoff; 401/403 need a new token; other 4xx are about the request.
export type FetchFn = typeof fetch;

export type FailureKind = 'network' | 'server' | 'throttled' | 'auth' | 'request';

export class SyncHttpError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status: number | null,
    message: string,
    readonly retryAfter: string | null = null,
    /** The answer was the protocol's `{ error: { code, message } }` (so it is our server). */
    readonly protocolError = false,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface HttpAnswer {
  json: unknown;
  /** The response's Date header (for the clock-skew estimate when no serverTime is given). */
  date: string | null;
  sentAt: number;
  receivedAt: number;
}

export interface TransportOptions {
  serverUrl: string;
  token: string;
  fetch: FetchFn;
  now: () => number;
  timeoutMs: number;
}

export class Transport {
  private readonly base: string;

  constructor(private readonly opts: TransportOptions) {
    this.base = opts.serverUrl.replace(/\/+$/, '');
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    stop: AbortSignal,
  ): Promise<HttpAnswer> {
    const sentAt = this.opts.now();
    let res: Response;
    try {
      res = await this.opts.fetch(this.base + path, {
        method,
        headers: {
          authorization: `Bearer ${this.opts.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
        signal: AbortSignal.any([stop, AbortSignal.timeout(this.opts.timeoutMs)]),
      });
    } catch (e) {
      throw new SyncHttpError('network', null, `network: ${(e as Error).message}`);
    }
    if (res.type === 'error' || res.status === 0) {
      throw new SyncHttpError('network', null, 'network: no answer');
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new SyncHttpError('network', res.status, `network: ${(e as Error).message}`);
    }
    const receivedAt = this.opts.now();
    if (!res.ok) {
      let message = `HTTP ${res.status}`;
      let protocolError = false;
      try {
        const err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
        if (err?.message) {
          message = `HTTP ${res.status} ${err.code ?? ''}: ${err.message}`;
          protocolError = true;
        }
      } catch {
        // not a JSON error body (e.g. a proxy's page); the status says enough
      }
      const kind: FailureKind =
        res.status === 429
          ? 'throttled'
          : res.status >= 500
            ? 'server'
            : res.status === 401 || res.status === 403
              ? 'auth'
              : 'request';
      throw new SyncHttpError(
        kind,
        res.status,
        message,
        res.headers.get('retry-after'),
        protocolError,
      );
    }
    try {
      return { json: JSON.parse(text), date: res.headers.get('date'), sentAt, receivedAt };
    } catch {
      throw new SyncHttpError('server', res.status, 'answer is not JSON');
    }
  }
}
