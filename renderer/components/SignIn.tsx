import { useState, type FormEvent } from 'react';
import { errorText, useT, type MessageKey } from '../i18n';
import { useSession } from '../stores/session';
import { HostError } from '../../shared/contract/errors';
import { hhmm } from '../lib/format';

export function SignIn({ onSignedIn }: { onSignedIn(): Promise<void> }) {
  const t = useT();
  const allDoctors = useSession((s) => s.roster);
  const roster = allDoctors.filter((d) => d.active);
  const signIn = useSession((s) => s.signIn);
  const [doctorId, setDoctorId] = useState<string>('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!doctorId) {
      setError(t('signin.chooseFirst'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(doctorId, pin);
      setPin('');
      await onSignedIn();
    } catch (err) {
      let text = errorText(err, t);
      if (err instanceof HostError && err.code === 'WRONG_PIN' && err.details?.remaining) {
        text = t('signin.remaining', { n: err.details.remaining });
      }
      if (err instanceof HostError && err.details?.pin === 'PIN_NOT_SET') {
        text = t('field.PIN_NOT_SET');
      }
      if (err instanceof HostError && err.code === 'LOCKED_OUT' && err.details?.until) {
        text = t('signin.lockedUntil', { time: hhmm(err.details.until) });
      }
      setError(text);
      if (err instanceof HostError) setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen signin" aria-labelledby="signin-title">
      <form className="card narrow" onSubmit={submit} noValidate>
        <h1 id="signin-title">{t('signin.title')}</h1>
        <fieldset className="doctor-choice">
          <legend>{t('signin.choose')}</legend>
          {roster.length === 0 && <p>{t('signin.noDoctors')}</p>}
          {roster.map((d) => (
            <label key={d.id} className="choice">
              <input
                type="radio"
                name="doctor"
                value={d.id}
                checked={doctorId === d.id}
                onChange={() => setDoctorId(d.id)}
              />
              <span className="choice-name">{d.name}</span>
              <span className="choice-meta">
                {d.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}
              </span>
            </label>
          ))}
        </fieldset>
        <div className={`field${error ? ' field-error' : ''}`}>
          <label htmlFor="signin-pin">{t('signin.pin')}</label>
          <input
            id="signin-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            maxLength={8}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signin-err' : undefined}
            onChange={(e) => setPin(e.target.value)}
          />
          {error && (
            <span id="signin-err" className="error-text" role="alert">
              {error}
            </span>
          )}
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('signin.submit')}
        </button>
      </form>
    </section>
  );
}
