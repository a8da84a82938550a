import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useStatus } from '../stores/status';
import { useSession } from '../stores/session';
import { useCall } from '../stores/call';
import { useUi } from '../stores/ui';
import { useShift } from '../stores/shift';
import { hhmm, hhmmss, until, longDate } from '../lib/format';
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

export function Header() {
  const t = useT();
  useTick();
  const lang = useUi((s) => s.lang);
  const setLang = useUi((s) => s.setLang);
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const toggleHelp = useUi((s) => s.toggleHelp);
  const screen = useUi((s) => s.screen);
  const setScreen = useUi((s) => s.setScreen);
  const status = useSession((s) => s.status);
  const session = useSession((s) => s.session);
  const signOut = useSession((s) => s.signOut);
  const bandNow = useStatus((s) => s.bandNow);
  const offsetMs = useStatus((s) => s.offsetMs);
  const waiting = useStatus((s) => s.waiting);
  const conflicts = useStatus((s) => s.conflicts);
  const online = useStatus((s) => s.online);
  const lastSuccessAt = useStatus((s) => s.lastSuccessAt);
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
    <header className={`app-header${status?.demo ? ' is-demo' : ''}`}>
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
          <span className="date">{longDate(now, lang)}</span>
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
              {t('header.next', {
                band: bandNow.next.band === 'DAY' ? t('header.nextDay') : bandNow.next.band,
                time: hhmm(nextAt),
                in: until(nextAt - now, t),
              })}
            </span>
          )}
        </div>
      )}
      <div className="header-status" role="status" aria-live="polite">
        {session && (
          <span className={`save save-${hasCall ? saveState : 'saved'}`} data-testid="save-state">
            {hasCall ? saveText : t('save.saved')}
          </span>
        )}
        <span className="sync" data-testid="sync-state">
          {waiting === 0
            ? t('sync.allSynced')
            : waiting === 1
              ? t('sync.waitingOne')
              : t('sync.waiting', { n: waiting })}
          {conflicts > 0 && <> · {t('sync.conflicts', { n: conflicts })}</>}
          {online !== null && <> · {online ? t('sync.online') : t('sync.offline')}</>}
          {lastSuccessAt && <> · {t('sync.last', { time: hhmm(lastSuccessAt) })}</>}
        </span>
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
        {session && (
          <span className="who">{t('header.signedInAs', { name: session.doctor.name })}</span>
        )}
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
            aria-pressed={screen === 'sync'}
            onClick={() => setScreen(screen === 'sync' ? 'console' : 'sync')}
          >
            {t('nav.sync')}
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
        <button
          type="button"
          className="btn btn-quiet"
          aria-pressed={theme === 'night'}
          onClick={() => setTheme(theme === 'night' ? 'day' : 'night')}
        >
          {t('theme.night')}
        </button>
        <button
          type="button"
          className="btn btn-quiet"
          lang={lang === 'da' ? 'en' : 'da'}
          title={t('lang.switchTitle')}
          onClick={() => setLang(lang === 'da' ? 'en' : 'da')}
        >
          {t('lang.switch')}
        </button>
        <button
          type="button"
          className="btn btn-quiet"
          onClick={() => toggleHelp()}
          aria-keyshortcuts="Shift+?"
        >
          {t('header.help')}
        </button>
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
