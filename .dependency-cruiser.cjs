// The import graph, checked as a whole (`npm run deps`, part of `npm test`): no cycles anywhere,
// and one forbidden rule per arrow of the layer table in docs/architecture.md. ESLint's
// no-restricted-imports repeats the layer rules for instant editor warnings.
/** @param {string} from @param {string} to @param {string} comment */
const forbid = (name, from, to, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from },
  to: { path: to },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make layers meaningless and start-up order fragile.',
      from: {},
      to: { circular: true },
    },
    forbid(
      'shared-is-pure',
      '^shared/',
      '^(node|host|web|electron|renderer|server|migrations)/',
      'shared/ is the bottom layer.',
    ),
    forbid(
      'node-below-host-and-server',
      '^node/',
      '^(host|web|electron|renderer|server|migrations)/|node_modules/(better-sqlite3|pg|electron|react|react-dom|zustand|pdfkit)/',
      'node/ holds plain-Node helpers the host and the server share; it sits on shared/ only.',
    ),
    forbid(
      'shared-no-runtime',
      '^shared/(?!.*\\.test\\.ts$)',
      '^(node:|fs$|path$|electron$)|node_modules/(better-sqlite3|pg|electron|react|react-dom|zustand|pdfkit)/',
      'shared/ uses luxon and zod only.',
    ),
    forbid(
      'host-below-shells',
      '^host/',
      '^(web|electron|renderer|server)/',
      'The host never imports a shell, the renderer or the server.',
    ),
    forbid(
      'host-no-electron',
      '^host/',
      'node_modules/(electron|react|react-dom|zustand|pg)/',
      'The host is plain Node.',
    ),
    forbid(
      'web-shell',
      '^web/',
      '^(electron|renderer|server)/|node_modules/(electron|react|react-dom|zustand)/',
      'Browser mode is a shell over the host.',
    ),
    forbid(
      'electron-shell',
      '^electron/',
      '^(web|renderer|server)/',
      'The Electron shell sits on the host only.',
    ),
    forbid(
      'renderer-dom-only',
      '^renderer/',
      '^(node|host|web|electron|server|migrations)/|node_modules/(better-sqlite3|pg|electron|pdfkit)/',
      'The renderer talks to window.vagt only.',
    ),
    forbid(
      'renderer-no-node',
      '^renderer/',
      '^node:|^(fs|path|os|child_process|http|net|crypto)$',
      'The renderer runs in a sandboxed page.',
    ),
    forbid(
      'server-beside',
      '^server/',
      '^(host|web|electron|renderer)/|node_modules/(electron|react|react-dom|zustand)/',
      'The server shares only shared/ and node/ with the workstation.',
    ),
    forbid(
      'electron-only-in-shell',
      '^(?!electron/)',
      'node_modules/electron/',
      'Only electron/ imports electron.',
    ),
    forbid(
      'sqlite-in-db-modules',
      '^(shared|renderer|web|electron)/',
      'node_modules/better-sqlite3/',
      'better-sqlite3 belongs to the host and the server.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|release|test-results|e2e/artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
