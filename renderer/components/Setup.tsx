import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { errorText, fieldErrors, useT } from '../i18n';
import { useSession } from '../stores/session';
import { useUi } from '../stores/ui';

const PIN_RE = /^\d{4,8}$/;

export function Setup() {
  const t = useT();
  const [name, setName] = useState('');
  const [authId, setAuthId] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const announce = useUi((s) => s.announce);

  async function create(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = t('field.required');
    if (!authId.trim()) errs.authId = t('field.required');
    if (!PIN_RE.test(pin)) errs.pin = t('field.PIN_FORMAT');
    else if (pin !== pin2) errs.pin2 = t('setup.pinMismatch');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await api().call('setup.createFirstSupervisor', {
        name: name.trim(),
        authId: authId.trim(),
        pin,
      });
      await useSession.getState().load();
    } catch (err) {
      setErrors({ ...fieldErrors(err, t), _: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  }

  async function demo() {
    setBusy(true);
    try {
      const r = await api().call('setup.loadDemo', {});
      announce(t('setup.demoLoaded', { doctors: r.doctors, contacts: r.contacts }));
      await useSession.getState().load();
    } catch (err) {
      setErrors({ _: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen setup" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      {errors._ && (
        <p className="error-banner" role="alert">
          {errors._}
        </p>
      )}
      <div className="cards">
        <form className="card" onSubmit={create} noValidate aria-labelledby="setup-create-title">
          <h2 id="setup-create-title">{t('setup.createTitle')}</h2>
          <TextField
            id="setup-name"
            label={t('setup.name')}
            value={name}
            onChange={setName}
            error={errors.name}
            autoComplete="name"
          />
          <TextField
            id="setup-auth"
            label={t('setup.authId')}
            hint={t('setup.authIdHint')}
            value={authId}
            onChange={setAuthId}
            error={errors.authId}
          />
          <TextField
            id="setup-pin"
            label={t('setup.pin')}
            value={pin}
            onChange={setPin}
            error={errors.pin}
            type="password"
            inputMode="numeric"
          />
          <TextField
            id="setup-pin2"
            label={t('setup.pinRepeat')}
            value={pin2}
            onChange={setPin2}
            error={errors.pin2}
            type="password"
            inputMode="numeric"
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('setup.create')}
          </button>
        </form>
        <div className="card" aria-labelledby="setup-demo-title" role="group">
          <h2 id="setup-demo-title">{t('setup.demoTitle')}</h2>
          <p>{t('setup.demoIntro')}</p>
          <button type="button" className="btn" onClick={demo} disabled={busy}>
            {t('setup.loadDemo')}
          </button>
        </div>
      </div>
    </section>
  );
}

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  hint?: string;
  type?: string;
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
}) {
  const { id, label, value, onChange, error, hint, type = 'text', inputMode, autoComplete } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-err` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        inputMode={inputMode}
        autoComplete={autoComplete ?? (type === 'password' ? 'off' : 'off')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error-text" id={`${id}-err`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
