import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { CSP, CSP_META, SECURITY_HEADERS, withCspMeta } from './csp';
import { readStatic } from './static-files';
import { mainWindowOptions } from './window-options';

describe('main window options', () => {
  it('pins the security settings', () => {
    const o = mainWindowOptions('/app/dist/electron/preload.cjs', { devTools: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });
});

describe('content security policy', () => {
  it('allows only the app itself: no inline script, eval, plugins or framing', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP);
  });

  it('puts the same policy in index.html as a meta tag', () => {
    const html = withCspMeta(
      '<!doctype html><html><head><title>x</title></head><body></body></html>',
    );
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP_META}">`);
    expect(CSP_META).toBe(CSP.replace("; frame-ancestors 'none'", ''));
    expect(withCspMeta(html)).toBe(html);
  });
});

describe('static files', () => {
  it('serves the renderer folder only, with an SPA fallback', () => {
    const root = tempDir('vagt-static-');
    fs.writeFileSync(path.join(root, 'index.html'), '<html><head></head><body>app</body></html>');
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'assets', 'a.js'), 'x');
    fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'no');
    expect(readStatic(root, '/assets/a.js')).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    const idx = readStatic(root, '/');
    expect(idx.body.toString()).toContain('Content-Security-Policy');
    expect(readStatic(root, '/shift/123').body.toString()).toContain('app');
    expect(readStatic(root, '/missing.js').status).toBe(404);
    expect(readStatic(root, '/../secret.txt').body.toString()).not.toBe('no');
    expect(readStatic(root, '/%2e%2e/secret.txt').body.toString()).not.toBe('no');
  });
});
