// Global keyboard shortcuts (documented in the help overlay, components/Help.tsx).
// Alt+letter works while typing (it never produces text we want); "?" only outside text fields.
import { useEffect } from 'react';
import { useCall } from './stores/call';
import { useShift } from './stores/shift';
import { useSession } from './stores/session';
import { useUi } from './stores/ui';

function isTextTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  }
  return false;
}

function focusById(id: string) {
  const el = document.getElementById(id);
  if (el) el.focus();
}

/**
 * F6 / Shift+F6: the next / previous region — header, call panel, shift list (on other screens
 * header and main). The region itself takes focus (outlined), as in desktop programs.
 */
function moveRegion(step: 1 | -1): void {
  const regions = [...document.querySelectorAll<HTMLElement>('[data-region]')];
  const main = document.getElementById('main');
  if (regions.length < 2 && main) regions.push(main);
  if (regions.length === 0) return;
  const active = document.activeElement;
  const at = regions.findIndex((r) => r === active || r.contains(active));
  const next =
    at === -1 ? (step > 0 ? 0 : regions.length - 1) : (at + step + regions.length) % regions.length;
  regions[next]!.focus();
}

export function handleKey(e: KeyboardEvent): void {
  const ui = useUi.getState();
  if (e.key === 'F6' && !e.altKey && !e.ctrlKey && !e.metaKey) {
    if (ui.helpOpen || ui.dialog) return;
    e.preventDefault();
    moveRegion(e.shiftKey ? -1 : 1);
    return;
  }
  if (!e.altKey && !e.ctrlKey && !e.metaKey && e.key === '?' && !isTextTarget(e.target)) {
    e.preventDefault();
    ui.toggleHelp();
    return;
  }
  if (!e.altKey || e.ctrlKey || e.metaKey) return;
  if (ui.helpOpen || ui.dialog) return;
  const session = useSession.getState().session;
  const shift = useShift.getState().shift;
  // Alt+B load view and Alt+Y sync settings (supervisors), Alt+A claims: from any signed-in
  // screen, again to go back.
  const screens = { KeyB: 'load', KeyY: 'sync', KeyA: 'claims' } as const;
  if (session && e.code in screens) {
    const target = screens[e.code as keyof typeof screens];
    if (target !== 'claims' && !session.doctor.roles.includes('supervisor')) return;
    e.preventDefault();
    ui.setScreen(ui.screen === target ? 'console' : target);
    return;
  }
  if (!session || !shift || ui.screen !== 'console') return;
  const call = useCall.getState();
  const c = call.contact;
  let handled = true;
  switch (e.code) {
    case 'KeyN':
      if (!c) void call.start('telefon').catch(() => {});
      break;
    case 'KeyP':
      if (!c) void call.start('video-forvisiteret').catch(() => {});
      break;
    case 'KeyC':
      focusById('call-cpr');
      break;
    case 'KeyV':
      void call.escalate();
      break;
    case 'KeyK':
      void call.videoConnected();
      break;
    case 'KeyM':
      if (
        c &&
        ((c.video && !c.video.connectedAt && !c.video.failedAt) ||
          (!c.video && c.kind === 'video-forvisiteret'))
      ) {
        ui.setVideoFailOpen(true);
      }
      break;
    case 'KeyS':
      void call.videoEnded();
      break;
    case 'KeyE':
      if (c) void call.end();
      break;
    case 'KeyL':
      focusById('list-title');
      break;
    default:
      handled = false;
  }
  if (handled) e.preventDefault();
}

export function useHotkeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, []);
}
