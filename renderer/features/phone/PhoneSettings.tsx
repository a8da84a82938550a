// The phone link's settings for the supervisor (R-PHONE-1): on/off (off until enabled), the
// address and the key the phone platform's connector needs, a new key, the port, and the log of
// refused events with their reasons (never a CPR or a caller number).
import { useCallback, useEffect, useState } from 'react';
import type { PhoneRefusalRow, PhoneStatus } from '../../../shared/contract/phone';
import type { ConfigureInput } from './types';
import { api } from '../../api';
import { errorText, useT, type MessageKey } from '../../i18n';
import { dateTime } from '../../lib/format';
import { useUi } from '../../stores/ui';

export function PhoneSettings() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const [status, setStatus] = useState<PhoneStatus | null>(null);
  const [refusals, setRefusals] = useState<PhoneRefusalRow[]>([]);
  const [port, setPort] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const s = await api().call('phone.status', {});
      setStatus(s);
      setPort((p) => (p === '' ? String(s.port) : p));
      setRefusals(await api().call('phone.refusals', { limit: 50 }));
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [t]);

  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), 5000);
    return () => clearInterval(id);
  }, [refresh]);

  async function configure(input: ConfigureInput) {
    setBusy(true);
    try {
      setStatus(await api().call('phone.configure', input));
      setError(null);
      await refresh();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const portNumber = Number(port);
  const portOk = /^\d{1,5}$/.test(port) && portNumber <= 65535;
  return (
    <section className="panel" aria-labelledby="phone-title" data-testid="phone-settings">
      <h2 id="phone-title">{t('phone.settings.title')}</h2>
      <p className="muted">{t('phone.settings.hint')}</p>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {status && (
        <>
          <p data-testid="phone-state">
            <strong>
              {status.enabled ? t('phone.settings.enabled') : t('phone.settings.disabled')}
            </strong>{' '}
            ·{' '}
            {t('phone.settings.limits', {
              skew: status.maxSkewSeconds,
              age: status.maxAgeSeconds,
            })}
            {status.rateLimited > 0 && (
              <> · {t('phone.settings.rateLimited', { n: status.rateLimited })}</>
            )}
          </p>
          {status.lastError && (
            <p className="error-text" role="alert">
              {t('phone.settings.error', { error: status.lastError })}
            </p>
          )}
          {status.enabled && (
            <dl className="phone-link">
              <dt>{t('phone.settings.url')}</dt>
              <dd className="mono" data-testid="phone-url">
                {status.url ?? '–'}
              </dd>
              <dt>{t('phone.settings.key')}</dt>
              <dd className="mono" data-testid="phone-key">
                {status.key}
              </dd>
            </dl>
          )}
          <div className="form-actions">
            <label className="inline-field">
              {t('phone.settings.port')}{' '}
              <input
                type="text"
                inputMode="numeric"
                className="input-port"
                value={port}
                onChange={(e) => setPort(e.target.value.trim())}
              />
            </label>
            <button
              type="button"
              className="btn"
              disabled={busy || !portOk}
              onClick={() => void configure({ port: portNumber })}
            >
              {t('phone.settings.savePort')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void configure({ enabled: !status.enabled })}
            >
              {status.enabled ? t('phone.settings.disable') : t('phone.settings.enable')}
            </button>
            <button
              type="button"
              className="btn btn-quiet"
              disabled={busy}
              onClick={() => void configure({ newKey: true })}
            >
              {t('phone.settings.newKey')}
            </button>
          </div>
        </>
      )}
      <h3>{t('phone.refusals.title')}</h3>
      {refusals.length === 0 ? (
        <p>{t('phone.refusals.none')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="phone-refusals">
            <thead>
              <tr>
                <th scope="col">{t('phone.refusals.at')}</th>
                <th scope="col">{t('phone.refusals.type')}</th>
                <th scope="col">{t('phone.refusals.callId')}</th>
                <th scope="col">{t('phone.refusals.agent')}</th>
                <th scope="col">{t('phone.refusals.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {refusals.map((r, i) => (
                <tr key={`${r.at}-${i}`}>
                  <td>{dateTime(r.at, lang)}</td>
                  <td>{r.eventType ?? '–'}</td>
                  <td className="mono">{r.callId ?? '–'}</td>
                  <td className="mono">{r.agentAuthId ?? '–'}</td>
                  <td>{t(`phone.reason.${r.reason}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
