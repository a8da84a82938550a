// UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Every row a workstation
// authors gets one, so ids sort by creation time and never collide across workstations.
import { randomBytes } from 'node:crypto';

let lastMs = -1;
let lastSeq = 0;

export function uuidv7(nowMs: number = Date.now()): string {
  // Within one millisecond a 12-bit counter in rand_a keeps ids from this process increasing.
  let ms = nowMs;
  if (ms <= lastMs) {
    ms = lastMs;
    lastSeq += 1;
    if (lastSeq > 0xfff) {
      ms = lastMs + 1;
      lastSeq = 0;
    }
  } else {
    lastSeq = 0;
  }
  lastMs = ms;
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | ((lastSeq >> 8) & 0x0f);
  b[7] = lastSeq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
