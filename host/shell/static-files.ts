// Serving the built renderer (dist/renderer) to either shell: path resolution that cannot
// leave the folder, content types, index.html with the CSP meta, and an SPA fallback.
import fs from 'node:fs';
import path from 'node:path';
import { withCspMeta } from './csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  status: number;
  type: string;
  body: Buffer;
}

/** dist/renderer next to the bundles (dist/electron, dist/web), or from the working directory. */
export function findRendererDir(override?: string): string {
  const candidates = [
    override,
    process.env.VAGT_RENDERER_DIR,
    typeof __dirname !== 'undefined' ? path.join(__dirname, '..', 'renderer') : undefined,
    path.join(process.cwd(), 'dist', 'renderer'),
  ];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return path.join(process.cwd(), 'dist', 'renderer');
}

const NOT_BUILT = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Vagtkonsol</title></head>
<body><h1>Vagtkonsol</h1><p>Brugerfladen er ikke bygget. Kør <code>npm run build</code> og start igen.</p></body></html>`;

export function readStatic(root: string, urlPath: string): StaticFile {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return { status: 400, type: TYPES['.txt']!, body: Buffer.from('Bad path') };
  }
  if (rel.includes('\0'))
    return { status: 400, type: TYPES['.txt']!, body: Buffer.from('Bad path') };
  const base = path.resolve(root);
  let file = path.resolve(base, '.' + path.posix.normalize('/' + rel));
  if (file !== base && !file.startsWith(base + path.sep)) {
    return { status: 403, type: TYPES['.txt']!, body: Buffer.from('Forbidden') };
  }
  const isFile = (f: string) => fs.existsSync(f) && fs.statSync(f).isFile();
  if (!isFile(file)) {
    // Browsers ask for a favicon on their own; no icon is not an error worth a console line.
    if (rel === '/favicon.ico') return { status: 204, type: TYPES['.ico']!, body: Buffer.alloc(0) };
    // Client-side routes (no extension) get the app; missing assets get 404.
    if (path.extname(file) !== '')
      return { status: 404, type: TYPES['.txt']!, body: Buffer.from('Not found') };
    file = path.join(base, 'index.html');
  }
  if (!isFile(file))
    return { status: 200, type: TYPES['.html']!, body: Buffer.from(withCspMeta(NOT_BUILT)) };
  const ext = path.extname(file).toLowerCase();
  const type = TYPES[ext] ?? 'application/octet-stream';
  const body = fs.readFileSync(file);
  if (ext === '.html')
    return { status: 200, type, body: Buffer.from(withCspMeta(body.toString('utf8'))) };
  return { status: 200, type, body };
}
