import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The renderer build the e2e hosts serve (one per checkout, outside dist/). */
export const E2E_RENDERER_DIR = path.join(
  os.tmpdir(),
  `vagt-e2e-renderer-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
);
