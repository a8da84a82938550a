// Shift concern: the open shift, its contacts and the closing summary.
import { create } from 'zustand';
import type { Contact, Shift, ShiftSummary } from '../../shared/contract/models';
import { api } from '../api';

interface ShiftState {
  shift: Shift | null;
  contacts: Contact[];
  summary: ShiftSummary | null;
  load(): Promise<void>;
  refreshContacts(): Promise<void>;
  open(): Promise<void>;
  close(): Promise<void>;
  clearSummary(): void;
  upsert(c: Contact): void;
  reset(): void;
}

export const useShift = create<ShiftState>((set, get) => ({
  shift: null,
  contacts: [],
  summary: null,
  async load() {
    const shift = await api().call('shift.current', {});
    set({ shift });
    if (shift) await get().refreshContacts();
    else set({ contacts: [] });
  },
  async refreshContacts() {
    const shift = get().shift;
    if (!shift) return;
    const contacts = await api().call('contact.listByShift', { shiftId: shift.id });
    set({ contacts });
  },
  async open() {
    const shift = await api().call('shift.open', {});
    set({ shift, contacts: [], summary: null });
  },
  async close() {
    const shift = get().shift;
    if (!shift) return;
    const summary = await api().call('shift.close', { shiftId: shift.id });
    set({ shift: null, summary });
  },
  clearSummary() {
    set({ summary: null, contacts: [] });
  },
  upsert(c) {
    const list = get().contacts;
    const i = list.findIndex((x) => x.id === c.id);
    if (i === -1) set({ contacts: [...list, c] });
    else set({ contacts: list.map((x) => (x.id === c.id ? c : x)) });
  },
  reset() {
    set({ shift: null, contacts: [], summary: null });
  },
}));
