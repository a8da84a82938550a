// The hash of a stored payload's text: an item's `hash` (duplicate or conflict, SYNC.md) and the
// key PostgreSQL keeps the payload under (item_payloads, D49). One function, so a push can hand
// the store keys it has already computed instead of hashing every payload twice.
import { createHash } from 'node:crypto';

/** SHA-256 of the UTF-8 text, base64. */
export const contentHash = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('base64');
