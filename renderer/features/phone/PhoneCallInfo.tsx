// The call panel's line about where the contact came from (R-PHONE-1): the phone system (caller
// number, call id, queue; a bad IVR CPR shown as such) or manual entry.
import type { Contact } from '../../../shared/contract/models';
import { useT } from '../../i18n';

export function PhoneCallInfo({ contact }: { contact: Contact }) {
  const t = useT();
  const p = contact.source === 'phone' ? contact.phone : null;
  if (!p) {
    return (
      <p className="muted phone-source" data-testid="contact-source">
        {t('phone.sourceLabel')}: {t('phone.source.manual')}
      </p>
    );
  }
  return (
    <div className="phone-info">
      <p className="phone-source" data-testid="contact-source">
        {t('phone.sourceLabel')}: <strong>{t('phone.source.phone')}</strong> · {t('phone.caller')}{' '}
        <span className="mono" data-testid="caller-number">
          {p.callerNumber ?? t('phone.callerHidden')}
        </span>{' '}
        · {t('phone.callId')} <span className="mono">{p.callId}</span>
        {p.queue && (
          <>
            {' '}
            · {t('phone.queue')} {p.queue}
          </>
        )}
      </p>
      {p.ivrCpr === 'invalid' && (
        <p className="error-text" role="alert" data-testid="ivr-cpr-invalid">
          {t('phone.ivrInvalid', { cpr: p.ivrCprInvalid ?? '' })}
        </p>
      )}
      {p.ivrCpr === 'valid' && <p className="muted">{t('phone.ivrValid')}</p>}
    </div>
  );
}

/** The contact list's small source tag (phone system only; manual is the usual case). */
export function PhoneTag({ contact }: { contact: Contact }) {
  const t = useT();
  if (contact.source !== 'phone') return null;
  return (
    <span className="tag" title={t('phone.source.phone')} data-testid="phone-tag">
      {t('phone.tag')}
    </span>
  );
}
