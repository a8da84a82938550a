import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The renderer build the e2e hosts serve (one per checkout, outside dist/). */
export const E2E_RENDERER_DIR = path.join(
  os.tmpdir(),
  `vagt-e2e-renderer-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
);

/** The Electron binary, or null when it is not installed (dist/ is built by global-setup). */
export function electronBinary(): string | null {
  const pathTxt = path.join(ROOT, 'node_modules/electron/path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const bin = path.join(
    ROOT,
    'node_modules/electron/dist',
    fs.readFileSync(pathTxt, 'utf8').trim(),
  );
  return fs.existsSync(bin) ? bin : null;
}
