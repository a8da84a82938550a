// The Electron menu as plain data (only electron/main.ts imports Electron): Danish labels, a
// Reload item that brings back a stuck console (drafts are autosaved by the host), and on
// macOS the app menu with Quit that the platform expects.
export interface MenuItemSpec {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: 'separator';
  submenu?: MenuItemSpec[];
  /** Handled by the shell: 'reload' reloads the console window. */
  command?: 'reload';
}

export function appMenuTemplate(platform: NodeJS.Platform): MenuItemSpec[] {
  const mac = platform === 'darwin';
  const reload: MenuItemSpec = {
    label: 'Genindlæs konsollen',
    accelerator: 'CmdOrCtrl+R',
    command: 'reload',
  };
  const appMenu: MenuItemSpec[] = mac
    ? [
        {
          label: 'Vagtkonsol',
          submenu: [
            { role: 'about', label: 'Om Vagtkonsol' },
            { type: 'separator' },
            { role: 'hide', label: 'Skjul Vagtkonsol' },
            { role: 'hideOthers', label: 'Skjul andre' },
            { role: 'unhide', label: 'Vis alle' },
            { type: 'separator' },
            { role: 'quit', label: 'Afslut Vagtkonsol' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: 'Filer',
      submenu: [
        reload,
        { type: 'separator' },
        mac ? { role: 'close', label: 'Luk vindue' } : { role: 'quit', label: 'Afslut' },
      ],
    },
    {
      label: 'Rediger',
      submenu: [
        { role: 'undo', label: 'Fortryd' },
        { role: 'redo', label: 'Gentag' },
        { type: 'separator' },
        { role: 'cut', label: 'Klip' },
        { role: 'copy', label: 'Kopiér' },
        { role: 'paste', label: 'Sæt ind' },
        { role: 'selectAll', label: 'Markér alt' },
      ],
    },
    {
      label: 'Vis',
      submenu: [
        reload,
        { type: 'separator' },
        { role: 'resetZoom', label: 'Normal størrelse' },
        { role: 'zoomIn', label: 'Zoom ind' },
        { role: 'zoomOut', label: 'Zoom ud' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Fuld skærm' },
      ],
    },
  ];
}
