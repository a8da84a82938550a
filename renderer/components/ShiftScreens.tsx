import { useState } from 'react';
import { useT, errorText } from '../i18n';
import { useShift } from '../stores/shift';
import { useSession } from '../stores/session';
import { useCall } from '../stores/call';
import { useUi } from '../stores/ui';
import { formatKr } from '../../shared/money';
import { dateTime } from '../lib/format';
import { Dialog } from './Dialog';
import { BANDS } from '../../shared/types';

export function OpenShift() {
  const t = useT();
  const open = useShift((s) => s.open);
  const session = useSession((s) => s.session);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="screen open-shift" aria-labelledby="open-shift-title">
      <div className="card narrow">
        <h1 id="open-shift-title">{session?.doctor.name}</h1>
        <p>{t('shift.none')}</p>
        {error && (
          <p className="error-banner" role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          className="btn btn-primary btn-big"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await open();
            } catch (err) {
              setError(errorText(err, t));
              await useShift
                .getState()
                .load()
                .catch(() => {});
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('shift.open')}
        </button>
      </div>
    </section>
  );
}

export function CloseShiftDialog() {
  const t = useT();
  const dialog = useUi((s) => s.dialog);
  const openDialog = useUi((s) => s.openDialog);
  const close = useShift((s) => s.close);
  const hasCall = useCall((s) => s.contact !== null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (dialog?.kind !== 'closeShift') return null;
  const onClose = () => {
    setError(null);
    openDialog(null);
  };
  return (
    <Dialog title={t('shift.close')} onClose={onClose}>
      <p>{hasCall ? t('shift.closeOpenCall') : t('shift.closeConfirm')}</p>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        {!hasCall && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await close();
                onClose();
              } catch (err) {
                setError(errorText(err, t));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('shift.close')}
          </button>
        )}
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('dialog.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

export function Summary() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const summary = useShift((s) => s.summary)!;
  const clearSummary = useShift((s) => s.clearSummary);
  const open = useShift((s) => s.open);
  const signOut = useSession((s) => s.signOut);
  const [error, setError] = useState<string | null>(null);
  const { shift } = summary;
  return (
    <section className="screen summary" aria-labelledby="summary-title">
      <div className="card">
        <h1 id="summary-title">{t('shift.summaryTitle')}</h1>
        <p className="muted">
          {t('shift.summaryPeriod', {
            from: dateTime(shift.openedAt, lang),
            to: shift.closedAt ? dateTime(shift.closedAt, lang) : '',
          })}
        </p>
        <dl className="summary-grid" data-testid="summary">
          <div>
            <dt>{t('shift.contacts')}</dt>
            <dd data-testid="summary-contacts">{summary.contacts}</dd>
          </div>
          {BANDS.map((b) => (
            <div key={b}>
              <dt>{b === 'DAY' ? t('band.DAY') : t('header.bandValue', { band: b })}</dt>
              <dd data-testid={`summary-band-${b}`}>{summary.byBand[b]}</dd>
            </div>
          ))}
          <div>
            <dt>{t('shift.videoEscalations')}</dt>
            <dd data-testid="summary-video">
              {summary.videoEscalations}
              <span className="dd-sub">
                {t('shift.videoConnected')} {summary.videoConnected}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('shift.voided')}</dt>
            <dd data-testid="summary-voided">{summary.voided}</dd>
          </div>
          <div className="total">
            <dt>{t('shift.fees')}</dt>
            <dd data-testid="summary-fees">{formatKr(summary.feesOre)}</dd>
          </div>
        </dl>
        {error && (
          <p className="error-banner" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="btn btn-primary"
            onClick={async () => {
              try {
                await open();
              } catch (err) {
                setError(errorText(err, t));
              }
            }}
          >
            {t('shift.newShift')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={async () => {
              clearSummary();
              await signOut();
            }}
          >
            {t('shift.done')}
          </button>
        </div>
      </div>
    </section>
  );
}
