// GET /v1/pull: stored items newer than the cursor that the device may see, in server order.
// The cursor is opaque to clients; it wraps the last item seq so the format can change later.
// Why seq order never skips an item with several server processes: store/pg/index.ts.
import type { Device } from './auth';
import type { Storage } from './store/types';

export class BadCursorError extends Error {}

/**
 * An answer stops at this many bytes of items as well as at `limit` items (with `more: true`),
 * so a page of large records stays a bounded allocation. One item always fits.
 */
export const MAX_PULL_BYTES = 4 * 1024 * 1024;

export function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = /^v1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new BadCursorError('unknown cursor');
  return Number(m[1]);
}

export type PullFn = (device: Device, since: string | undefined, limit: number) => Promise<string>;

/** Returns the response body as JSON text: payloads are stored canonical JSON, spliced in as is. */
export function createPull(store: Storage, maxBytes = MAX_PULL_BYTES): PullFn {
  return async (device, since, limit) => {
    const after = decodeCursor(since);
    const rows = await store.items.pull(
      after,
      device.role === 'supervisor' ? null : device.id,
      limit + 1,
    );
    let more = rows.length > limit;
    if (more) rows.length = limit;
    const items: string[] = [];
    let bytes = 0;
    let last = after;
    for (const r of rows) {
      const text =
        `{"id":${JSON.stringify(r.id)},"type":${JSON.stringify(r.type)},"rev":${r.rev},` +
        `"deviceId":${JSON.stringify(r.deviceId)},"payload":${r.payload}}`;
      bytes += Buffer.byteLength(text);
      if (items.length > 0 && bytes > maxBytes) {
        more = true;
        break;
      }
      items.push(text);
      last = r.seq;
    }
    return `{"items":[${items.join(',')}],"cursor":${JSON.stringify(encodeCursor(last))},"more":${more}}`;
  };
}
