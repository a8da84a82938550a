// A loopback HTTP proxy that injects faults between the sync client and a real server:
// canned 5xx/429 answers, connection resets mid-request, and answers lost after the server has
// already stored the batch.
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Reads part of the request body, then resets the connection; the server never sees it. */
  | { kind: 'reset-mid-request' }
  /** Forwards the request, lets the server answer, then resets instead of answering. */
  | { kind: 'drop-response' }
  /** Refuses like a server that is down (connection closed at once). */
  | { kind: 'down' };

export interface FaultCounts {
  requests: number;
  passed: number;
  faults: Record<string, number>;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  setUpstream(url: string): void;
  close(): Promise<void>;
}

export function startFaultProxy(
  upstream: string,
  decide: (req: IncomingMessage, n: number) => Fault,
): Promise<FaultProxy> {
  let target = new URL(upstream);
  const counts: FaultCounts = { requests: 0, passed: 0, faults: {} };
  const forward = (
    req: IncomingMessage,
    body: Buffer,
    onAnswer: (r: IncomingMessage, data: Buffer) => void,
    onError: () => void,
  ) => {
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, 'content-length': body.length },
      },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => onAnswer(r, Buffer.concat(chunks)));
        r.on('error', onError);
      },
    );
    up.on('error', onError);
    up.end(body);
  };

  const server: Server = createServer((req, res: ServerResponse) => {
    const n = counts.requests++;
    const fault = decide(req, n);
    if (fault.kind !== 'pass') counts.faults[fault.kind] = (counts.faults[fault.kind] ?? 0) + 1;
    if (fault.kind === 'down') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'reset-mid-request') {
      let seen = 0;
      req.on('data', (c: Buffer) => {
        seen += c.length;
        if (seen > 0) req.socket.destroy();
      });
      req.on('end', () => req.socket.destroy());
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fault.kind === 'status') {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        res.writeHead(fault.status, headers);
        res.end(JSON.stringify({ error: { code: 'INJECTED', message: 'injected fault' } }));
        return;
      }
      forward(
        req,
        Buffer.concat(chunks),
        (r, data) => {
          if (fault.kind === 'drop-response') {
            req.socket.destroy();
            return;
          }
          counts.passed += 1;
          const headers = { ...r.headers };
          delete headers['connection'];
          delete headers['keep-alive'];
          res.writeHead(r.statusCode ?? 502, headers);
          res.end(data);
        },
        () => req.socket.destroy(),
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts,
        setUpstream: (url) => (target = new URL(url)),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
