// Checks a PIN against the roster's pinHash (`scrypt$N$r$p$salt$hash`, made by the sync server),
// so a workstation can sign a pulled doctor in while offline.
import { scryptSync, timingSafeEqual } from 'node:crypto';

export function verifyRosterPin(pin: string, pinHash: string): boolean {
  const [kind, n, r, p, salt, hash] = pinHash.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return got.length === expected.length && timingSafeEqual(expected, got);
}
