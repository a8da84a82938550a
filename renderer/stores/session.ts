// Session concern: set-up status, roster and the signed-in doctor.
import { create } from 'zustand';
import type { Doctor, Session } from '../../shared/contract/models';
import type { MethodOutput } from '../../shared/contract/methods';
import { api, onNotSignedIn } from '../api';

type SetupStatus = MethodOutput<'setup.status'>;

interface SessionState {
  loaded: boolean;
  status: SetupStatus | null;
  session: Session | null;
  roster: Doctor[];
  load(): Promise<void>;
  refreshStatus(): Promise<void>;
  refreshRoster(): Promise<void>;
  signIn(doctorId: string, pin: string): Promise<void>;
  signOut(): Promise<void>;
  isSupervisor(): boolean;
}

export const useSession = create<SessionState>((set, get) => ({
  loaded: false,
  status: null,
  session: null,
  roster: [],
  async load() {
    const [status, session] = await Promise.all([
      api().call('setup.status', {}),
      api().call('auth.session', {}),
    ]);
    set({ status, session });
    if (status.hasDoctors) await get().refreshRoster();
    set({ loaded: true });
  },
  async refreshStatus() {
    set({ status: await api().call('setup.status', {}) });
  },
  async refreshRoster() {
    set({ roster: await api().call('roster.list', {}) });
  },
  async signIn(doctorId, pin) {
    const session = await api().call('auth.signIn', { doctorId, pin });
    set({ session });
  },
  async signOut() {
    try {
      await api().call('auth.signOut', {});
    } finally {
      set({ session: null });
    }
  },
  isSupervisor() {
    return get().session?.doctor.roles.includes('supervisor') ?? false;
  },
}));

onNotSignedIn(() => {
  if (useSession.getState().session) useSession.setState({ session: null });
});
