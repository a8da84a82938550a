// GET /v1/pull: stored items newer than the cursor that the device may see, in server order.
// The cursor is opaque to clients; it wraps the last item seq so the format can change later.
import type { Device } from './auth';
import type { Db } from './db';

export class BadCursorError extends Error {}

export function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = /^v1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new BadCursorError('unknown cursor');
  return Number(m[1]);
}

interface Row {
  seq: number;
  id: string;
  type: string;
  rev: number;
  device_id: string;
  payload: string;
}

export type PullFn = (device: Device, since: string | undefined, limit: number) => string;

/** Returns the response body as JSON text: payloads are stored canonical JSON, spliced in as is. */
export function createPull(db: Db): PullFn {
  const all = db.prepare(
    'SELECT seq, id, type, rev, device_id, payload FROM items WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  // Two index range scans (own items, server items) instead of filtering everyone's items.
  const own = db.prepare(
    `SELECT * FROM (
       SELECT seq, id, type, rev, device_id, payload FROM items WHERE device_id = ? AND seq > ?
       UNION ALL
       SELECT seq, id, type, rev, device_id, payload FROM items WHERE device_id = 'server' AND seq > ?
     ) ORDER BY seq LIMIT ?`,
  );
  return (device, since, limit) => {
    const after = decodeCursor(since);
    const rows = (
      device.role === 'supervisor'
        ? all.all(after, limit + 1)
        : own.all(device.id, after, after, limit + 1)
    ) as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const last = rows.length ? rows[rows.length - 1]!.seq : after;
    const items = rows.map(
      (r) =>
        `{"id":${JSON.stringify(r.id)},"type":${JSON.stringify(r.type)},"rev":${r.rev},` +
        `"deviceId":${JSON.stringify(r.device_id)},"payload":${r.payload}}`,
    );
    return `{"items":[${items.join(',')}],"cursor":${JSON.stringify(encodeCursor(last))},"more":${more}}`;
  };
}
