import { useEffect, useState } from 'react';
import { api, bridge, onHostEvent } from '../api';
import { useT, errorText, t as tr } from '../i18n';
import { useSession } from '../stores/session';
import { useShift } from '../stores/shift';
import { useCall } from '../stores/call';
import { useStatus } from '../stores/status';
import { useUi } from '../stores/ui';
import { Header } from './Header';
import { Setup } from './Setup';
import { SignIn } from './SignIn';
import { Roster } from './Roster';
import { CallPanel } from './CallPanel';
import { ShiftList, ContactDialogs } from './ShiftList';
import { OpenShift, CloseShiftDialog, Summary } from './ShiftScreens';
import { HelpOverlay } from './Help';
import { useHotkeys } from '../hotkeys';
import { hhmm } from '../lib/format';
import { LoadView } from '../features/load/LoadView';
import { ClaimsView } from '../features/claims/ClaimsView';
import { SyncSettings } from './SyncSettings';
import { onPhoneEvent } from '../features/phone/events';

/** After sign-in (or on start with a session): shift, open call, clock. */
async function loadSignedIn(): Promise<void> {
  await Promise.all([
    useShift.getState().load(),
    useCall.getState().load(),
    useStatus.getState().refreshClock(),
  ]);
  if (useCall.getState().contact) useUi.getState().announce(tr('call.restored'));
}

export function App() {
  const t = useT();
  const loaded = useSession((s) => s.loaded);
  const status = useSession((s) => s.status);
  const session = useSession((s) => s.session);
  const screen = useUi((s) => s.screen);
  const shift = useShift((s) => s.shift);
  const summary = useShift((s) => s.summary);
  const announcement = useUi((s) => s.announcement);
  const [fatal, setFatal] = useState<string | null>(null);
  useHotkeys();

  useEffect(() => {
    if (!bridge()) {
      setFatal(t('app.noBridge'));
      return;
    }
    const off = onHostEvent((e) => {
      useStatus.getState().onEvent(e);
      onPhoneEvent(e);
      if (e.type === 'roster')
        void useSession
          .getState()
          .refreshRoster()
          .catch(() => {});
    });
    (async () => {
      try {
        // The workstation's display settings first, so the console opens as it was left.
        await useUi
          .getState()
          .loadSettings()
          .catch(() => {});
        await useSession.getState().load();
        await useStatus.getState().refreshClock();
        await useStatus
          .getState()
          .refreshSync()
          .catch(() => {});
        if (useSession.getState().session) await loadSignedIn();
      } catch (err) {
        setFatal(errorText(err, t));
      }
    })();
    const id = setInterval(
      () =>
        void useStatus
          .getState()
          .refreshClock()
          .catch(() => {}),
      60_000,
    );
    // The shell's network state wakes the sync loop at once (docs/sync-protocol.md: sync on regaining the network).
    const network = () =>
      void api()
        .call('sync.network', { online: navigator.onLine })
        .catch(() => {});
    window.addEventListener('online', network);
    window.addEventListener('offline', network);
    return () => {
      off();
      clearInterval(id);
      window.removeEventListener('online', network);
      window.removeEventListener('offline', network);
    };
  }, []); // runs once: subscriptions and first load

  let main;
  if (fatal) {
    main = (
      <section className="screen">
        <p className="error-banner" role="alert">
          {fatal}
        </p>
      </section>
    );
  } else if (!loaded) {
    main = <p className="screen muted">{t('app.loading')}</p>;
  } else if (!status?.hasDoctors) {
    main = <Setup />;
  } else if (!session) {
    main = <SignIn onSignedIn={loadSignedIn} />;
  } else if (screen === 'roster' && session.doctor.roles.includes('supervisor')) {
    main = <Roster />;
  } else if (screen === 'load' && session.doctor.roles.includes('supervisor')) {
    main = <LoadView />;
  } else if (screen === 'sync' && session.doctor.roles.includes('supervisor')) {
    main = <SyncSettings />;
  } else if (screen === 'claims') {
    main = <ClaimsView />;
  } else if (summary) {
    main = <Summary />;
  } else if (!shift) {
    main = <OpenShift />;
  } else {
    main = <Console />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {main}
      </main>
      <div
        className={`toast${announcement ? ` toast-${announcement.tone}` : ''}`}
        role="status"
        aria-live="polite"
        data-testid="announcement"
      >
        {announcement?.text ?? ''}
      </div>
      <HelpOverlay />
    </>
  );
}

function Console() {
  const t = useT();
  const shift = useShift((s) => s.shift)!;
  const openDialog = useUi((s) => s.openDialog);
  return (
    <div className="console">
      <h1 className="visually-hidden">{t('header.console')}</h1>
      <div className="console-grid">
        <CallPanel />
        <ShiftList
          head={
            <div className="shift-meta">
              <span className="muted">{t('shift.openedAt', { time: hhmm(shift.openedAt) })}</span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => openDialog({ kind: 'closeShift' })}
              >
                {t('shift.close')}
              </button>
            </div>
          }
        />
      </div>
      <ContactDialogs />
      <CloseShiftDialog />
    </div>
  );
}
