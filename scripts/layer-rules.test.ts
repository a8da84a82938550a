// The layer table of ARCHITECTURE.md is enforced by ESLint; this proves the rule bites.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries (ARCHITECTURE.md layer table)', () => {
  it('shared/ may not import Node, Electron, SQLite or any upper layer', async () => {
    expect(
      await restricted('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).toHaveLength(1);
    expect(
      await restricted('shared/x.ts', "import D from 'better-sqlite3';\nexport const a = D;\n"),
    ).toHaveLength(1);
    expect(
      await restricted(
        'shared/x.ts',
        "import { a } from '../electron/host/host';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'shared/x.ts',
        "import { a } from '../renderer/app';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted('shared/x.ts', "import { z } from 'zod';\nexport const b = z;\n"),
    ).toHaveLength(0);
  });

  it('renderer/ may not import Node, SQLite, Electron, the host or the server', async () => {
    expect(
      await restricted('renderer/x.tsx', "import fs from 'fs';\nexport const a = fs;\n"),
    ).toHaveLength(1);
    expect(
      await restricted(
        'renderer/x.tsx',
        "import { a } from '../electron/host/host';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'renderer/x.tsx',
        "import { ipcRenderer } from 'electron';\nexport const b = ipcRenderer;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'renderer/x.tsx',
        "import { formatKr } from '../shared/money';\nexport const b = formatKr;\n",
      ),
    ).toHaveLength(0);
  });

  it('only the Electron shell files import electron; the host never imports the renderer', async () => {
    expect(
      await restricted(
        'electron/host/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'electron/browser.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'electron/host/x.ts',
        "import { a } from '../../renderer/app';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'electron/main.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toHaveLength(0);
  });

  it('server/ may use shared/ but not the workstation host or the renderer', async () => {
    expect(
      await restricted(
        'server/x.ts',
        "import { a } from '../electron/host/host';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'server/x.ts',
        "import { createTariff } from '../shared/tariff';\nexport const b = createTariff;\n",
      ),
    ).toHaveLength(0);
  });
});
