// UI concern: language, night mode and text size (kept by the host per workstation, issue 16),
// which screen/overlay is shown, and the live announcement.
import { create } from 'zustand';
import type { Settings } from '../../shared/contract/settings';
import { api } from '../api';
import { da } from '../i18n/da';
import { en } from '../i18n/en';

export type Lang = Settings['lang'];
export type Screen = 'console' | 'roster' | 'load' | 'claims' | 'sync';
export type Theme = Settings['theme'];
export type TextSize = Settings['textSize'];

export type Dialog =
  | { kind: 'correct'; contactId: string }
  | { kind: 'void'; contactId: string }
  | { kind: 'history'; contactId: string }
  | { kind: 'closeShift' }
  | null;

interface UiState {
  lang: Lang;
  theme: Theme;
  setTheme(theme: Theme): void;
  textSize: TextSize;
  setTextSize(size: TextSize): void;
  /** Reads the workstation's settings from the host and applies them (at start). */
  loadSettings(): Promise<void>;
  screen: Screen;
  helpOpen: boolean;
  dialog: Dialog;
  /** The "video failed" reason form is open. */
  videoFailOpen: boolean;
  setVideoFailOpen(open: boolean): void;
  /** Polite status message for screen readers and the toast line. */
  announcement: { text: string; tone: 'info' | 'error'; seq: number } | null;
  setLang(lang: Lang): void;
  setScreen(screen: Screen): void;
  toggleHelp(open?: boolean): void;
  openDialog(d: Dialog): void;
  announce(text: string, tone?: 'info' | 'error'): void;
  clearAnnouncement(seq: number): void;
}

export function applyTextSize(size: TextSize): void {
  if (typeof document === 'undefined') return;
  if (size === 'normal') delete document.documentElement.dataset.textSize;
  else document.documentElement.dataset.textSize = size;
}

export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  if (theme === 'night') document.documentElement.dataset.theme = 'night';
  else delete document.documentElement.dataset.theme;
}

let announceSeq = 0;

/** The choice is shown at once; the host keeps it. A host that cannot is said once. */
function save(patch: Partial<Settings>): void {
  void api()
    .call('settings.set', patch)
    .catch(() =>
      useUi
        .getState()
        .announce((useUi.getState().lang === 'en' ? en : da)['settings.notSaved'], 'error'),
    );
}

export const useUi = create<UiState>((set, get) => ({
  lang: 'da',
  theme: 'day',
  textSize: 'normal',
  setTheme(theme) {
    applyTheme(theme);
    set({ theme });
    save({ theme });
  },
  setTextSize(textSize) {
    applyTextSize(textSize);
    set({ textSize });
    save({ textSize });
  },
  async loadSettings() {
    const s = await api().call('settings.get', {});
    applyTheme(s.theme);
    applyTextSize(s.textSize);
    document.documentElement.lang = s.lang;
    set({ lang: s.lang, theme: s.theme, textSize: s.textSize });
  },
  screen: 'console',
  helpOpen: false,
  dialog: null,
  videoFailOpen: false,
  setVideoFailOpen(videoFailOpen) {
    set({ videoFailOpen });
  },
  announcement: null,
  setLang(lang) {
    document.documentElement.lang = lang;
    set({ lang });
    save({ lang });
  },
  setScreen(screen) {
    set({ screen });
  },
  toggleHelp(open) {
    set({ helpOpen: open ?? !get().helpOpen });
  },
  openDialog(dialog) {
    set({ dialog });
  },
  announce(text, tone = 'info') {
    const seq = ++announceSeq;
    set({ announcement: { text, tone, seq } });
    setTimeout(() => get().clearAnnouncement(seq), 6000);
  },
  clearAnnouncement(seq) {
    if (get().announcement?.seq === seq) set({ announcement: null });
  },
}));
