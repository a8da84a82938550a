import { useT, type MessageKey } from '../i18n';
import { useUi } from '../stores/ui';
import { Dialog } from './Dialog';

/** The documented hotkeys (also used by the keyboard handler's tests and the README). */
export const HOTKEYS: { keys: string; action: MessageKey }[] = [
  { keys: 'Alt+N', action: 'help.newCall' },
  { keys: 'Alt+P', action: 'help.newVideo' },
  { keys: 'Alt+C', action: 'help.cpr' },
  { keys: 'Alt+V', action: 'help.escalate' },
  { keys: 'Alt+K', action: 'help.connected' },
  { keys: 'Alt+M', action: 'help.failed' },
  { keys: 'Alt+S', action: 'help.endVideo' },
  { keys: 'Alt+E', action: 'help.endCall' },
  { keys: 'Alt+L', action: 'help.list' },
  { keys: 'Alt+B', action: 'help.load' },
  { keys: 'Alt+A', action: 'help.claims' },
  { keys: 'Alt+Y', action: 'help.sync' },
  { keys: 'F6', action: 'help.f6' },
  { keys: '?', action: 'help.help' },
  { keys: 'Esc', action: 'help.escape' },
  { keys: 'Tab / Shift+Tab', action: 'help.tab' },
];

export function HelpOverlay() {
  const t = useT();
  const open = useUi((s) => s.helpOpen);
  const toggle = useUi((s) => s.toggleHelp);
  if (!open) return null;
  return (
    <Dialog title={t('help.title')} onClose={() => toggle(false)}>
      <p>{t('help.intro')}</p>
      <table className="hotkeys" data-testid="hotkeys">
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {HOTKEYS.map((h) => (
            <tr key={h.keys}>
              <td>
                <kbd>{h.keys}</kbd>
              </td>
              <td>{t(h.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
