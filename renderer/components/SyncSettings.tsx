// "Synkronisering" (supervisors): choose the sync server and device token (tested against the
// server before it is saved), see the link's status, run it now, and list the items the server
// would not take (type, id, revision, reason — never a patient).
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { errorText, fieldErrors, useT, type MessageKey } from '../i18n';
import { dateTime } from '../lib/format';
import { useSession } from '../stores/session';
import { useStatus } from '../stores/status';
import { useUi } from '../stores/ui';
import type { SyncProblem, SyncStatusView } from '../../shared/contract/sync';
import { TextField } from './Setup';
import { PhoneSettings } from '../features/phone/PhoneSettings';

export function SyncSettings() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const announce = useUi((s) => s.announce);
  const workstationId = useSession((s) => s.status?.workstationId ?? null);
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const filled = useRef(false);
  // Host sync events (waiting, online, last success) trigger a re-read of the full status.
  const waiting = useStatus((s) => s.waiting);
  const online = useStatus((s) => s.online);
  const lastSuccessAt = useStatus((s) => s.lastSuccessAt);

  const refresh = useCallback(async () => {
    try {
      const s = await api().call('sync.status', {});
      setStatus(s);
      if (!filled.current) {
        filled.current = true;
        setServerUrl(s.serverUrl ?? '');
      }
      setProblems(await api().call('sync.problems', {}));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorText(err, t));
    }
  }, [t]);

  useEffect(() => {
    void refresh();
  }, [refresh, waiting, online, lastSuccessAt]);

  useEffect(() => {
    document.getElementById('sync-title')?.focus();
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!serverUrl.trim()) errs.serverUrl = t('field.required');
    else if (!/^https?:\/\//i.test(serverUrl.trim())) errs.serverUrl = t('field.SYNC_URL');
    if (!token.trim()) errs.token = t('field.required');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    announce(t('syncSettings.testing'));
    try {
      const s = await api().call('sync.configure', {
        serverUrl: serverUrl.trim(),
        token: token.trim(),
      });
      setStatus(s);
      setServerUrl(s.serverUrl ?? '');
      setToken('');
      announce(t('syncSettings.saved'));
      await useStatus
        .getState()
        .refreshSync()
        .catch(() => {});
      await refresh();
    } catch (err) {
      const fields = fieldErrors(err, t);
      setErrors({ ...fields, _: errorText(err, t) });
      announce(Object.values(fields)[0] ?? errorText(err, t), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function run(action: 'sync.now' | 'sync.disconnect') {
    setBusy(true);
    try {
      await api().call(action, {});
      announce(t(action === 'sync.now' ? 'syncSettings.synced' : 'syncSettings.disconnected'));
      if (action === 'sync.disconnect') {
        filled.current = false;
        setServerUrl('');
      }
      await refresh();
    } catch (err) {
      announce(errorText(err, t), 'error');
    } finally {
      setBusy(false);
    }
  }

  const s = status;
  const yesNo = (b: boolean) => (b ? t('sync.online') : t('sync.offline'));
  return (
    <section className="screen sync-settings" aria-labelledby="sync-title">
      <h1 id="sync-title" tabIndex={-1}>
        {t('syncSettings.title')}
      </h1>
      <p className="muted">{t('syncSettings.intro')}</p>
      {loadError && (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      )}
      <div className="sync-grid">
        <form className="panel" onSubmit={save} noValidate aria-labelledby="sync-form-title">
          <h2 id="sync-form-title">{t('syncSettings.connect')}</h2>
          <TextField
            id="sync-url"
            label={t('syncSettings.serverUrl')}
            value={serverUrl}
            onChange={setServerUrl}
            hint={t('syncSettings.serverUrlHint')}
            error={errors.serverUrl}
          />
          <TextField
            id="sync-token"
            label={t('syncSettings.token')}
            value={token}
            onChange={setToken}
            hint={t('syncSettings.tokenHint')}
            error={errors.token}
            type="password"
          />
          {errors._ && !errors.serverUrl && !errors.token && (
            <p className="error-text" role="alert">
              {errors._}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('syncSettings.testing') : t('syncSettings.save')}
            </button>
          </div>
        </form>
        <section className="panel" aria-labelledby="sync-status-title">
          <h2 id="sync-status-title">{t('syncSettings.status')}</h2>
          {s && (
            <dl className="sync-facts" data-testid="sync-facts">
              {workstationId && (
                <>
                  <dt>{t('syncSettings.workstationId')}</dt>
                  <dd className="mono" data-testid="workstation-id">
                    {workstationId}
                  </dd>
                </>
              )}
              <dt>{t('syncSettings.server')}</dt>
              <dd className="mono">{s.serverUrl ?? t('syncSettings.none')}</dd>
              {s.configured && (
                <>
                  <dt>{t('syncSettings.state')}</dt>
                  <dd>{yesNo(s.online)}</dd>
                  <dt>{t('syncSettings.role')}</dt>
                  <dd>
                    {s.role
                      ? t(`syncSettings.role.${s.role}` as MessageKey)
                      : t('syncSettings.unknown')}
                  </dd>
                </>
              )}
              <dt>{t('syncSettings.waiting')}</dt>
              <dd data-testid="sync-waiting">{s.waiting}</dd>
              <dt>{t('syncSettings.conflicts')}</dt>
              <dd>{s.conflicts}</dd>
              <dt>{t('syncSettings.rejected')}</dt>
              <dd>{s.rejected}</dd>
              <dt>{t('syncSettings.lastSuccess')}</dt>
              <dd>{s.lastSuccessAt ? dateTime(s.lastSuccessAt, lang) : t('syncSettings.never')}</dd>
              {s.clockSkewMs !== null && (
                <>
                  <dt>{t('syncSettings.skew')}</dt>
                  <dd className={s.clockWarning ? 'warn-text' : undefined}>
                    {t('syncSettings.skewValue', { s: Math.round(s.clockSkewMs / 1000) })}
                  </dd>
                </>
              )}
              {s.lastError && (
                <>
                  <dt>{t('syncSettings.lastError')}</dt>
                  <dd className="mono">{s.lastError}</dd>
                </>
              )}
            </dl>
          )}
          {s?.configured && (
            <div className="form-actions">
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => void run('sync.now')}
              >
                {t('syncSettings.syncNow')}
              </button>
              <button
                type="button"
                className="btn btn-quiet"
                disabled={busy}
                onClick={() => void run('sync.disconnect')}
              >
                {t('syncSettings.disconnect')}
              </button>
            </div>
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="sync-problems-title">
        <h2 id="sync-problems-title">{t('syncSettings.problems')}</h2>
        <p className="muted">{t('syncSettings.problemsHint')}</p>
        {problems.length === 0 ? (
          <p>{t('syncSettings.noProblems')}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="sync-problems">
              <thead>
                <tr>
                  <th scope="col">{t('syncSettings.col.type')}</th>
                  <th scope="col">{t('syncSettings.col.id')}</th>
                  <th scope="col">{t('syncSettings.col.rev')}</th>
                  <th scope="col">{t('syncSettings.col.status')}</th>
                  <th scope="col">{t('syncSettings.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={`${p.id}-${p.rev}-${p.type}`}>
                    <td>{p.type}</td>
                    <td className="mono">{p.id}</td>
                    <td>{p.rev}</td>
                    <td>{t(`syncSettings.outcome.${p.status}` as MessageKey)}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <PhoneSettings />
    </section>
  );
}
