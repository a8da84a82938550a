// The option lists of the call's choice fields, shared by the call panel and the correction
// dialog so both always offer the same choices (R-CON-3, R-CON-4).
import { CALLERS, OUTCOMES } from '../../shared/contract/models';
import { useT, type MessageKey } from '../i18n';

export function CallerOptions() {
  const t = useT();
  return (
    <>
      <option value="">{t('call.callerChoose')}</option>
      {CALLERS.map((c) => (
        <option key={c} value={c}>
          {t(`caller.${c}` as MessageKey)}
        </option>
      ))}
    </>
  );
}

export function OutcomeOptions() {
  const t = useT();
  return (
    <>
      <option value="">{t('call.outcomeChoose')}</option>
      {OUTCOMES.map((o) => (
        <option key={o} value={o}>
          {t(`outcome.${o}` as MessageKey)}
        </option>
      ))}
    </>
  );
}
