// UI concern: language, which screen/overlay is shown, and the live announcement.
import { create } from 'zustand';

export type Lang = 'da' | 'en';
export type Screen = 'console' | 'roster' | 'load' | 'claims' | 'sync';
export type Theme = 'day' | 'night';

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

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem('vagt.lang');
    if (saved === 'en' || saved === 'da') return saved;
  } catch {
    /* storage unavailable */
  }
  return 'da';
}

function initialTheme(): Theme {
  try {
    return localStorage.getItem('vagt.theme') === 'night' ? 'night' : 'day';
  } catch {
    return 'day';
  }
}

export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  if (theme === 'night') document.documentElement.dataset.theme = 'night';
  else delete document.documentElement.dataset.theme;
}

let announceSeq = 0;

export const useUi = create<UiState>((set, get) => ({
  lang: initialLang(),
  theme: initialTheme(),
  setTheme(theme) {
    try {
      localStorage.setItem('vagt.theme', theme);
    } catch {
      /* ignore */
    }
    applyTheme(theme);
    set({ theme });
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
    try {
      localStorage.setItem('vagt.lang', lang);
    } catch {
      /* ignore */
    }
    document.documentElement.lang = lang;
    set({ lang });
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
