// UI concern: language, which screen/overlay is shown, and the live announcement.
import { create } from 'zustand';

export type Lang = 'da' | 'en';
export type Screen = 'console' | 'roster';

export type Dialog =
  | { kind: 'correct'; contactId: string }
  | { kind: 'void'; contactId: string }
  | { kind: 'history'; contactId: string }
  | { kind: 'closeShift' }
  | null;

interface UiState {
  lang: Lang;
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

let announceSeq = 0;

export const useUi = create<UiState>((set, get) => ({
  lang: initialLang(),
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
