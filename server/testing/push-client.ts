// A minimal sync client for the server's fault suites: it pushes batches in order and, like the
// real workstation client, keeps a batch and sends it again after a network error, a 5xx or a
// 503 (honouring Retry-After, shortened so the suite stays quick), to the next server URL.
import { makeContact } from '../../shared/sync/testing/contact-fixture';
import type { PushResult } from '../../shared/sync/protocol';

export interface PushStats {
  retries: number;
  unavailable: number;
  retryAfterSeen: boolean;
  results: PushResult[];
}

export const contactItem = (ws: string, i: number, rev: number) => {
  const c = makeContact(ws, i, rev);
  return { id: c.id, type: 'contact' as const, rev, payload: c };
};

/** A night of one workstation: `contacts` contacts, `revs` revisions each, in batches. */
export function nightBatches(ws: string, contacts: number, revs: number, batch: number) {
  const items = [];
  for (let r = 1; r <= revs; r++)
    for (let i = 0; i < contacts; i++) items.push(contactItem(ws, i, r));
  const out = [];
  for (let i = 0; i < items.length; i += batch) out.push(items.slice(i, i + batch));
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pushWithRetry(
  urls: () => string[],
  token: string,
  batches: unknown[][],
  opts: { maxRetryMs?: number; giveUpAfter?: number; onBatch?: (n: number) => void } = {},
): Promise<PushStats> {
  const stats: PushStats = { retries: 0, unavailable: 0, retryAfterSeen: false, results: [] };
  let turn = 0;
  for (const [n, items] of batches.entries()) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > (opts.giveUpAfter ?? 400)) throw new Error('push never succeeded');
      const list = urls();
      const url = list[turn++ % list.length]!;
      try {
        const res = await fetch(`${url}/v1/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ protocol: 1, items }),
        });
        const text = await res.text();
        if (res.status === 200) {
          stats.results.push(...(JSON.parse(text) as { results: PushResult[] }).results);
          break;
        }
        if (res.status === 503) {
          stats.unavailable++;
          if (res.headers.get('retry-after')) stats.retryAfterSeen = true;
        } else if (res.status < 500) throw new Error(`push answered ${res.status}: ${text}`);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('push answered')) throw e;
        // a connection refused or reset: the batch is kept and sent again
      }
      stats.retries++;
      await sleep(Math.min(opts.maxRetryMs ?? 50, 50 * (attempt + 1)));
    }
    opts.onBatch?.(n);
  }
  return stats;
}
