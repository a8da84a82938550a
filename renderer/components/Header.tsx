import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useT } from '../i18n';
import { useStatus } from '../stores/status';
import { useSession } from '../stores/session';
import { useCall } from '../stores/call';
import { useUi, type TextSize } from '../stores/ui';
import { useShift } from '../stores/shift';
import { hhmm, hhmmss, until, longDate, shortDate, weekday } from '../lib/format';
import type { Band } from '../../shared/types';

function useTick(): number {
  const [, setN] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setN((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, []);
  return Date.now();
}

export function BandBadge({ band }: { band: Band }) {
  const t = useT();
  return <span className={`band band-${band}`}>{band === 'DAY' ? t('band.DAY') : band}</span>;
}

/**
 * One row from 1366 px (issue 16): brand, clock and band, save and sync state, the screens, the
 * display settings (a small panel), help and sign-out. F6 reaches it as a region.
 */
export function Header() {
  const t = useT();
  useTick();
  const lang = useUi((s) => s.lang);
  const toggleHelp = useUi((s) => s.toggleHelp);
  const screen = useUi((s) => s.screen);
  const setScreen = useUi((s) => s.setScreen);
  const status = useSession((s) => s.status);
  const session = useSession((s) => s.session);
  const signOut = useSession((s) => s.signOut);
  const bandNow = useStatus((s) => s.bandNow);
  const offsetMs = useStatus((s) => s.offsetMs);
  const clockSkewMs = useStatus((s) => s.clockSkewMs);
  // docs/sync-protocol.md: more than 2 minutes between the server's clock and ours is shown as a warning.
  const skewWarn = clockSkewMs !== null && Math.abs(clockSkewMs) > 120_000;
  const saveState = useCall((s) => s.saveState);
  const hasCall = useCall((s) => s.contact !== null);
  const refreshClock = useStatus((s) => s.refreshClock);
  const isSupervisor = session?.doctor.roles.includes('supervisor') ?? false;

  const now = Date.now() + offsetMs;
  const nextAt = bandNow ? Date.parse(bandNow.next.at) : null;
  const passed = nextAt !== null && now >= nextAt;
  useEffect(() => {
    if (passed) void refreshClock().catch(() => {});
  }, [passed, refreshClock]);

  const saveText =
    saveState === 'saved'
      ? t('save.saved')
      : saveState === 'saving'
        ? t('save.saving')
        : saveState === 'pending'
          ? t('save.pending')
          : t('save.error');

  return (
    <header
      id="app-header"
      tabIndex={-1}
      data-region="header"
      aria-label={t('region.header')}
      className={`app-header${status?.demo ? ' is-demo' : ''}`}
    >
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        {status?.demo && (
          <span className="demo-badge" title={t('app.demoTitle')} aria-label={t('app.demoTitle')}>
            {t('app.demo')}
          </span>
        )}
      </div>
      {bandNow && (
        <div className="clock-band" role="group" aria-label={t('header.status')}>
          <span className="visually-hidden">{t('header.clock')} </span>
          <time className="clock" dateTime={new Date(now).toISOString()}>
            {hhmmss(now)}
          </time>
          <span className="date" title={longDate(now, lang)}>
            <span aria-hidden="true">
              <span className="weekday">{weekday(now, lang)} </span>
              {shortDate(now, lang)}
            </span>
            <span className="visually-hidden">{longDate(now, lang)}</span>
          </span>
          <span className="band-now" data-testid="band-now">
            {bandNow.band === 'DAY' ? (
              <span className="band band-DAY">{t('header.bandDay')}</span>
            ) : (
              <>
                <span className="visually-hidden">{t('header.band')} </span>
                <BandBadge band={bandNow.band} />
              </>
            )}
          </span>
          {bandNow.holiday && (
            <span className="holiday">{t('header.holiday', { name: bandNow.holiday })}</span>
          )}
          {nextAt !== null && (
            <span className="next-band" data-testid="next-band">
              {t('header.nextAt', {
                band: bandNow.next.band === 'DAY' ? t('header.nextDay') : bandNow.next.band,
                time: hhmm(nextAt),
              })}{' '}
              <span className="next-in">{t('header.nextIn', { in: until(nextAt - now, t) })}</span>
            </span>
          )}
        </div>
      )}
      {/* Not a live region: changes are announced once through the app's polite region. */}
      <div className="header-status">
        {session && (
          <span className={`save save-${hasCall ? saveState : 'saved'}`} data-testid="save-state">
            {hasCall ? saveText : t('save.saved')}
          </span>
        )}
        <SyncState
          isSupervisor={isSupervisor && !!session}
          onOpen={() => setScreen(screen === 'sync' ? 'console' : 'sync')}
          pressed={screen === 'sync'}
        />
        {skewWarn && (
          <span
            className="sync-skew"
            data-testid="clock-skew"
            title={t('sync.clockWarningTitle', {
              // skew = server − ours: a positive skew means this workstation is behind.
              dir: clockSkewMs > 0 ? t('sync.clockBehind') : t('sync.clockAhead'),
            })}
          >
            {t('sync.clockWarning', { min: Math.round(Math.abs(clockSkewMs) / 60_000) })}
          </span>
        )}
      </div>
      <nav className="header-actions" aria-label={t('app.name')}>
        {session && isSupervisor && (
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() => setScreen(screen === 'roster' ? 'console' : 'roster')}
          >
            {screen === 'roster' ? t('header.console') : t('header.roster')}
          </button>
        )}
        {session && isSupervisor && (
          <button
            type="button"
            className="btn btn-quiet"
            aria-pressed={screen === 'load'}
            aria-keyshortcuts="Alt+B"
            onClick={() => setScreen(screen === 'load' ? 'console' : 'load')}
          >
            {t('nav.load')}
          </button>
        )}
        {session && (
          <button
            type="button"
            className="btn btn-quiet"
            aria-pressed={screen === 'claims'}
            aria-keyshortcuts="Alt+A"
            onClick={() => setScreen(screen === 'claims' ? 'console' : 'claims')}
          >
            {t('nav.claims')}
          </button>
        )}
        <DisplayMenu />
        <button
          type="button"
          className="btn btn-quiet btn-icon"
          onClick={() => toggleHelp()}
          aria-label={t('header.help')}
          title={t('header.help')}
          aria-keyshortcuts="Shift+?"
        >
          {t('header.helpShort')}
        </button>
        {session && (
          <span className="who" title={t('header.signedInAs', { name: session.doctor.name })}>
            <span className="visually-hidden">{t('header.who')}: </span>
            {session.doctor.name}
          </span>
        )}
        {session && (
          <button
            type="button"
            className="btn btn-quiet"
            onClick={async () => {
              await useCall.getState().flush();
              await signOut();
              useShift.getState().reset();
              useCall.getState().clear();
              setScreen('console');
            }}
          >
            {t('header.signOut')}
          </button>
        )}
      </nav>
    </header>
  );
}

/**
 * The sync state, honestly: without a server it says the workstation is not linked (and how to
 * link it), not a queue that only grows. For supervisors it opens the sync settings.
 */
function SyncState(props: { isSupervisor: boolean; pressed: boolean; onOpen: () => void }) {
  const t = useT();
  const configured = useStatus((s) => s.configured);
  const waiting = useStatus((s) => s.waiting);
  const conflicts = useStatus((s) => s.conflicts);
  const online = useStatus((s) => s.online);
  const lastSuccessAt = useStatus((s) => s.lastSuccessAt);
  const [open, setOpen] = useState(false);
  const howId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  useDismiss(open, boxRef, () => setOpen(false));
  if (configured === null) return null;
  const how = props.isSupervisor ? t('sync.notLinkedHowSupervisor') : t('sync.notLinkedHowDoctor');
  const text = !configured ? (
    t('sync.notLinked')
  ) : (
    <>
      {waiting === 0
        ? t('sync.allSynced')
        : waiting === 1
          ? t('sync.waitingOne')
          : t('sync.waiting', { n: waiting })}
      {conflicts > 0 && <> · {t('sync.conflicts', { n: conflicts })}</>}
      {online !== null && <> · {online ? t('sync.online') : t('sync.offline')}</>}
      {lastSuccessAt && <> · {t('sync.last', { time: hhmm(lastSuccessAt) })}</>}
    </>
  );
  const stateClass = !configured ? 'sync-unlinked' : online === false ? 'sync-offline' : '';
  if (props.isSupervisor) {
    return (
      <>
        <button
          type="button"
          className={`btn btn-quiet sync ${stateClass}`}
          data-testid="sync-state"
          aria-pressed={props.pressed}
          aria-keyshortcuts="Alt+Y"
          aria-describedby={!configured ? howId : undefined}
          title={!configured ? how : undefined}
          onClick={props.onOpen}
        >
          <span className="visually-hidden">{t('nav.sync')}: </span>
          {text}
        </button>
        {!configured && (
          <span id={howId} className="visually-hidden">
            {how}
          </span>
        )}
      </>
    );
  }
  if (configured) {
    return (
      <span className={`sync ${stateClass}`} data-testid="sync-state">
        {text}
      </span>
    );
  }
  // Not linked, not a supervisor (or not signed in): the state, and on request how to link it.
  return (
    <div className="popover-anchor" ref={boxRef}>
      <button
        type="button"
        className={`btn btn-quiet sync ${stateClass}`}
        data-testid="sync-state"
        aria-expanded={open}
        aria-controls={howId}
        onClick={() => setOpen(!open)}
      >
        {text}
      </button>
      {open && (
        <div className="popover" id={howId} role="note">
          <p>{how}</p>
          {waiting > 0 && <p className="muted">{t('sync.notLinkedWaiting', { n: waiting })}</p>}
        </div>
      )}
    </div>
  );
}

/** Closes a small panel on Escape (focus back to its button), a click or focus outside it. */
function useDismiss(open: boolean, box: RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: Event) => {
      if (box.current && !box.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !box.current?.contains(document.activeElement)) return;
      e.preventDefault();
      close();
      box.current.querySelector<HTMLElement>('button[aria-expanded]')?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('focusin', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('focusin', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, box, close]);
}

const TEXT_SIZES: TextSize[] = ['normal', 'large', 'larger'];

/** Night mode, language and text size: kept by the host for this workstation (settings.*). */
function DisplayMenu() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const setLang = useUi((s) => s.setLang);
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const textSize = useUi((s) => s.textSize);
  const setTextSize = useUi((s) => s.setTextSize);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  useDismiss(open, boxRef, () => setOpen(false));
  return (
    <div className="popover-anchor" ref={boxRef}>
      <button
        type="button"
        className="btn btn-quiet"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {t('display.menu')}
      </button>
      {open && (
        <div
          className="popover display-menu"
          id={panelId}
          role="group"
          aria-label={t('display.title')}
        >
          <button
            type="button"
            className="btn btn-quiet"
            aria-pressed={theme === 'night'}
            onClick={() => setTheme(theme === 'night' ? 'day' : 'night')}
          >
            {t('theme.night')}
          </button>
          <div className="menu-row" role="group" aria-label={t('display.language')}>
            <span aria-hidden="true">{t('display.language')}</span>
            <button
              type="button"
              className="btn btn-quiet btn-small"
              lang="da"
              aria-pressed={lang === 'da'}
              onClick={() => setLang('da')}
            >
              Dansk
            </button>
            <button
              type="button"
              className="btn btn-quiet btn-small"
              lang="en"
              aria-pressed={lang === 'en'}
              onClick={() => setLang('en')}
            >
              English
            </button>
          </div>
          <div className="menu-row" role="group" aria-label={t('textSize.label')}>
            <span aria-hidden="true">{t('textSize.label')}</span>
            {TEXT_SIZES.map((s) => (
              <button
                key={s}
                type="button"
                className="btn btn-quiet btn-small"
                aria-pressed={textSize === s}
                onClick={() => setTextSize(s)}
              >
                {t(`textSize.${s}`)}
              </button>
            ))}
          </div>
          <p className="hint">{t('display.kept')}</p>
        </div>
      )}
    </div>
  );
}
